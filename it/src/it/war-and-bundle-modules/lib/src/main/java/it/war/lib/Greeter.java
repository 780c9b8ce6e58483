package it.war.lib;

public final class Greeter {
  private Greeter() {}

  public static String greet(String greeting) {
    return greeting + " from lib";
  }
}
