package dev.hotpatch.serve.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Passes serve's standard input to the application, line by line, for as long as serve runs. The
 * application's input stays open even when serve's own input ends, since some servers stop when
 * their input closes. On a terminal, a line that is exactly {@code r} or {@code q} is a command for
 * serve instead.
 */
public final class InputForwarder implements Runnable {
  private final InputStream in;
  private final Charset charset;
  private final Supplier<OutputStream> application;
  private final Consumer<String> commands;

  /**
   * @param application the current application's input, or null between two runs
   * @param commands receives {@code r} and {@code q}; null when serve takes no commands
   */
  public InputForwarder(
      InputStream in,
      Charset charset,
      Supplier<OutputStream> application,
      Consumer<String> commands) {
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
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset));
    try {
      for (String line; (line = reader.readLine()) != null; ) {
        String command = line.strip();
        if (commands != null && (command.equals("r") || command.equals("q"))) {
          commands.accept(command);
          continue;
        }
        forward(line);
      }
    } catch (IOException e) {
      // serve's input is gone; the application's stays open.
    }
  }

  private void forward(String line) {
    OutputStream target = application.get();
    if (target == null) {
      return;
    }
    try {
      target.write((line + System.lineSeparator()).getBytes(charset));
      target.flush();
    } catch (IOException e) {
      // The application exited or closed its input; the next run gets the next line.
    }
  }
}
