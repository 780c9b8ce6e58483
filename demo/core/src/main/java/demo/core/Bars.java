package demo.core;

/** Draws the population bar. Edit the glyph or the scale and watch the running app. */
public final class Bars {
  private Bars() {}

  public static String bar(int value) {
    int width = Math.max(0, Math.min(40, value / 10));
    return "#".repeat(width);
  }
}
