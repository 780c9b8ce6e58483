package it.fw.lib;

/** The plugin, declared in META-INF/services. */
public final class BracketFormatter implements Formatter {
  @Override
  public String format(String text) {
    return "[" + text.toUpperCase() + "]";
  }
}
