package it.several.shared;

/** What both applications say; the test edits it. */
public final class Greeting {
  private Greeting() {}

  public static String text() {
    return "v1";
  }
}
