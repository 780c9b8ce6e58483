package dev.hotpatch.serve.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends one JSON object per line for every event of the session, for tools and tests ({@code
 * -Dhotpatch.events=FILE}). Every object starts with {@code event} and {@code time}; {@link
 * ServeEvent} defines the rest.
 */
public final class EventLog implements ServeEventListener, AutoCloseable {
  /**
   * {@code time} as {@link Instant#toString()} (ISO-8601, UTC): without Jackson's java.time module,
   * which serve has no other use for, Jackson refuses to write an {@code Instant}.
   */
  private static final ObjectWriter JSON =
      JsonMapper.builder()
          .addModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
          .build()
          .writerFor(ServeEvent.class);

  private final Writer out;

  private EventLog(Writer out) {
    this.out = out;
  }

  /** A log writing to {@code file}, or one that drops every event when {@code file} is null. */
  public static EventLog open(Path file) {
    if (file == null) {
      return new EventLog(Writer.nullWriter());
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new EventLog(
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the events file " + file + ". Check the hotpatch.events parameter.", e);
    }
  }

  /** The line {@code event} is written as, without its line end. */
  static String line(ServeEvent event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      // The events are records of strings, numbers and lists of them.
      throw new IllegalStateException("Cannot write " + event + " as JSON", e);
    }
  }

  @Override
  public synchronized void on(ServeEvent event) {
    try {
      out.write(line(event));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write event " + event, e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
