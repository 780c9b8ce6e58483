package dev.hotpatch.serve.workspace;

import java.nio.file.Path;

/**
 * A build file that cannot be read as it is now: it does not parse, is not a valid model, or names
 * a dependency that does not resolve.
 */
public final class BuildFileException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String problem;

  /**
   * @param file the build file at fault
   * @param line the line of the problem in it, or 0 when unknown
   * @param problem what is wrong, and what to do
   */
  public BuildFileException(Path file, int line, String problem) {
    super((file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ") + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** The build file at fault, or null when the problem names none. */
  public Path file() {
    return file;
  }

  /** The line of the problem, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** What is wrong, without the file and line. */
  public String problem() {
    return problem;
  }
}
