package it.saves.lib;

public final class Greeter {
  private Greeter() {}

  public static String greet() {
    return "hello";
  }
}
