package dev.hotpatch.serve.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Passes serve's standard input to the application, byte for byte as it comes, for as long as serve
 * runs. The application's input stays open even when serve's own input ends, since some servers
 * stop when their input closes.
 *
 * <p>On a terminal, a line that is a command for serve ({@code r}, {@code q}) goes to serve
 * instead. To tell, at most {@value #MAX_COMMAND_LINE} bytes of a line are held until its end: a
 * longer line is no command and goes on to the application at once, so that input without line
 * breaks never piles up in serve.
 */
public final class InputForwarder implements Runnable {
  static final int MAX_COMMAND_LINE = 4096;

  private final InputStream in;
  private final Charset charset;
  private final Supplier<OutputStream> application;
  private final Predicate<String> commands;

  /**
   * @param application the current application's input, or null between two runs
   * @param commands takes each short line, stripped, and says whether it was a command for serve;
   *     null when serve takes no commands
   */
  public InputForwarder(
      InputStream in,
      Charset charset,
      Supplier<OutputStream> application,
      Predicate<String> commands) {
    this.in = in;
    this.charset = charset;
    this.application = application;
    this.commands = commands;
  }

  /** Starts forwarding on a daemon thread. */
  public void start() {
    Thread thread = new Thread(this, "hotpatch-input");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    // The start of the current line, while it may still be a command.
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean longLine = false;
    try {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        if (commands == null) {
          forward(buffer, 0, read);
          continue;
        }
        int from = 0;
        for (int i = 0; i < read; i++) {
          if (buffer[i] != '\n') {
            continue;
          }
          if (longLine) {
            forward(buffer, from, i + 1 - from);
          } else {
            line.write(buffer, from, i + 1 - from);
            endOfLine(line.toByteArray());
          }
          line.reset();
          longLine = false;
          from = i + 1;
        }
        if (longLine) {
          forward(buffer, from, read - from);
        } else {
          line.write(buffer, from, read - from);
          if (line.size() > MAX_COMMAND_LINE) {
            forward(line.toByteArray(), 0, line.size());
            line.reset();
            longLine = true;
          }
        }
      }
      if (line.size() > 0) {
        endOfLine(line.toByteArray()); // The last line had no line break.
      }
    } catch (IOException e) {
      // serve's input is gone; the application's stays open.
    }
  }

  /** A whole line (its line break included) that is short enough to be a command. */
  private void endOfLine(byte[] bytes) {
    if (!commands.test(new String(bytes, charset).strip())) {
      forward(bytes, 0, bytes.length);
    }
  }

  private void forward(byte[] bytes, int offset, int length) {
    OutputStream target = application.get();
    if (target == null || length == 0) {
      return;
    }
    try {
      target.write(bytes, offset, length);
      target.flush();
    } catch (IOException e) {
      // The application exited or closed its input; the next run gets what comes next.
    }
  }
}
