package it.deps.lib;

public final class Greeter {
  private Greeter() {}

  public static String greet(String name) {
    return "hello " + name;
  }
}
