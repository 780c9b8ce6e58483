package dev.hotpatch.maven.serve;

import java.io.PrintStream;

/**
 * serve's own lines, each prefixed {@code [hotpatch]} so they stand apart from the application's
 * output, which passes through unchanged.
 */
final class Console {
  private static final String PREFIX = "[hotpatch] ";
  private final PrintStream out;
  private final boolean quiet;

  Console(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** Progress; silent with {@code mvn -q}. */
  void info(String line) {
    if (!quiet) {
      print(line);
    }
  }

  /** What the user must see even with {@code -q}: errors, rejected patches, warnings. */
  void warn(String line) {
    print(line);
  }

  private void print(String text) {
    StringBuilder lines = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      lines.append(PREFIX).append(line).append(System.lineSeparator());
    }
    synchronized (out) {
      out.print(lines);
      out.flush();
    }
  }
}
