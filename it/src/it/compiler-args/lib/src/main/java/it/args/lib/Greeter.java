package it.args.lib;

public final class Greeter {
  private Greeter() {}

  public static String greet(String visitor) {
    return "hi " + visitor;
  }
}
