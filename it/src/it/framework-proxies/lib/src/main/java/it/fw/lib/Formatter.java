package it.fw.lib;

/** A plugin interface whose implementation is found with ServiceLoader. */
public interface Formatter {
  String format(String text);
}
