package it.once.lib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A text read again each time it is asked for. */
public final class Message {
  private Message() {}

  public static String text() {
    try (InputStream in = Message.class.getResourceAsStream("message.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
