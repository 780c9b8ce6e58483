package it.main.lib;

public final class Words {
  private Words() {}

  public static String noun() {
    return "apples";
  }
}
