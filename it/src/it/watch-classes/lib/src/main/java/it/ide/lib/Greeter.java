package it.ide.lib;

public final class Greeter {
  private Greeter() {}

  public static String greet() {
    return "hello";
  }
}
