package it.remote.lib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What the application prints: a word from the code and one from a resource. */
public final class Greeting {
  private Greeting() {}

  public static String text() {
    return "code v1, resource " + resource();
  }

  private static String resource() {
    try (InputStream in = Greeting.class.getResourceAsStream("message.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
