package it.files.lib;

public final class Words {
  private Words() {}

  public static String word() {
    return "plain";
  }
}
