package it.filt.lib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a resource each time it is asked. */
public final class Texts {
  private Texts() {}

  public static String read(String name) {
    try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? "(missing)" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
