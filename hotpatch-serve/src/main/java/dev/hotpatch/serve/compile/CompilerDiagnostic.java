package dev.hotpatch.serve.compile;

/**
 * One message of javac.
 *
 * @param kind {@code error} or {@code warning}
 * @param file the source file, or empty when javac names none
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 * @param message javac's text
 */
public record CompilerDiagnostic(String kind, String file, long line, long column, String message) {

  /** {@code file:line:col: kind: message}, the form editors and terminals link to. */
  public String render() {
    String where = file.isEmpty() ? "" : file + ":" + line + ":" + column + ": ";
    return where + kind + ": " + message;
  }
}
