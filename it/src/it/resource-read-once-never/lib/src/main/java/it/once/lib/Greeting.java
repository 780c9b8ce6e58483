package it.once.lib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** A configuration read once, when the class is initialized, as most applications do. */
public final class Greeting {
  private static final String TEXT = load();

  private Greeting() {}

  public static String text() {
    return TEXT;
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = Greeting.class.getResourceAsStream("greeting.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("greeting");
  }
}
