package it.res.lib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the library's resources each time it is asked: nothing is cached. */
public final class Texts {
  private Texts() {}

  /** Through Class.getResourceAsStream, relative to this class's package. */
  public static String message() {
    try (InputStream in = Texts.class.getResourceAsStream("message.txt")) {
      return in == null ? "(missing)" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Through the class loader's getResource, by its full name. */
  public static String banner() {
    var url = Texts.class.getClassLoader().getResource("banner.txt");
    if (url == null) {
      return "(missing)";
    }
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
