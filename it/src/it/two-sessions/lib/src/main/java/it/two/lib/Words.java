package it.two.lib;

public final class Words {
  private Words() {}

  public static String word() {
    return "one";
  }
}
