package it.extra.lib;

/** Lives in a second source root, which build-helper-maven-plugin adds. */
public final class Extra {
  private Extra() {}

  public static String word() {
    return "alpha";
  }
}
