package it.init;

/** Initialized as soon as the application runs. */
final class Config {
  static final String NAME = System.getProperty("config.name", "v1");

  private Config() {}

  static String describe() {
    return NAME;
  }
}
