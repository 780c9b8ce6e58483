package dev.hotpatch.serve.console;

import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.compile.CompilerDiagnostic;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * serve's own lines, each prefixed {@code [hotpatch]} so they stand apart from the application's
 * output, which passes through unchanged. Colours only on a terminal: a build log, a CI console or
 * a test reading the output gets plain text.
 */
public final class Console {
  private static final String PREFIX = "[hotpatch] ";
  private static final String RULE = "-".repeat(72);

  /** How a line looks on a terminal. */
  private enum Style {
    PLAIN(""),
    SUCCESS("\u001b[32m"),
    WARNING("\u001b[33m"),
    ERROR("\u001b[1;31m");

    private final String ansi;

    Style(String ansi) {
      this.ansi = ansi;
    }
  }

  private static final String RESET = "\u001b[0m";

  private final PrintStream out;
  private final boolean quiet;
  private final boolean colours;

  /** What every line starts with after the prefix: the application it is about, or nothing. */
  private final String subject;

  public Console(PrintStream out, boolean quiet, boolean colours) {
    this(out, quiet, colours, "");
  }

  private Console(PrintStream out, boolean quiet, boolean colours, String subject) {
    this.out = out;
    this.quiet = quiet;
    this.colours = colours;
    this.subject = subject;
  }

  /**
   * The same console for the lines about one of several applications, each starting with {@code
   * name: }; this console itself when {@code name} is null.
   */
  public Console about(String name) {
    return name == null ? this : new Console(out, quiet, colours, name + ": ");
  }

  /** Progress; silent with {@code mvn -q}. */
  public void info(String line) {
    if (!quiet) {
      print(line, Style.PLAIN);
    }
  }

  /** A patch went through; silent with {@code mvn -q}. */
  public void applied(String line) {
    if (!quiet) {
      print(line, Style.SUCCESS);
    }
  }

  /** What the user must see even with {@code -q}: warnings, restarts, rejected patches. */
  public void warn(String line) {
    print(line, Style.WARNING);
  }

  /** What went wrong and needs the user's hand. */
  public void error(String line) {
    print(line, Style.ERROR);
  }

  /**
   * javac's messages as a block that stands out the way Maven's {@code COMPILATION ERROR} does,
   * each as {@code file:line:col: error: message}, the form terminals and editors link to.
   */
  public void compileError(CompilationFailedException e) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    e.diagnostics().forEach(d -> counts.merge(d.kind(), 1, Integer::sum));
    String summary =
        counts.entrySet().stream()
            .map(c -> c.getValue() + " " + c.getKey() + (c.getValue() == 1 ? "" : "s"))
            .collect(Collectors.joining(", "));
    print(
        RULE
            + "\nCOMPILATION ERROR in module "
            + e.module()
            + ": "
            + summary
            + "\n"
            + RULE
            + "\n"
            + e.diagnostics().stream()
                .map(CompilerDiagnostic::render)
                .collect(Collectors.joining("\n"))
            + "\n"
            + RULE,
        Style.ERROR);
    print(
        "Fix the code and save again; the application keeps running the last good code.",
        Style.PLAIN);
  }

  private void print(String text, Style style) {
    boolean styled = colours && style != Style.PLAIN;
    StringBuilder lines = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      lines.append(PREFIX).append(subject);
      if (styled) {
        lines.append(style.ansi).append(line).append(RESET);
      } else {
        lines.append(line);
      }
      lines.append(System.lineSeparator());
    }
    synchronized (out) {
      out.print(lines);
      out.flush();
    }
  }
}
