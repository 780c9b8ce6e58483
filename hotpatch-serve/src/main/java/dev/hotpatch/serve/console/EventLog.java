package dev.hotpatch.serve.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends one JSON object per line for every event of the session, for tools and tests ({@code
 * -Dhotpatch.events=FILE}). Every object starts with {@code event} and {@code time}.
 */
public final class EventLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
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

  public synchronized void write(String event, Map<String, ?> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    line.put("time", Instant.now().toString());
    line.putAll(fields);
    try {
      out.write(JSON.writeValueAsString(line));
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
