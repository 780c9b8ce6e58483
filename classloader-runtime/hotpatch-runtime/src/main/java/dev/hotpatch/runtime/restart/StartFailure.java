package dev.hotpatch.runtime.restart;

import java.net.BindException;

/**
 * What a failed start of {@code main} after a warm restart means: a port that the stopped start did
 * not release (only a new JVM frees it), or the application's own error (the next save that
 * compiles starts it again).
 */
public final class StartFailure {
  private static final int MAX_MESSAGE = 300;

  private StartFailure() {}

  /**
   * Why only a new JVM can start the application, when {@code failure} is a port still bound;
   * otherwise null.
   */
  public static String boundPort(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return "its new start could not bind a port ("
            + firstLine(cause.getMessage())
            + "): the stopped start still holds it. Close the server in Hot.onStop or"
            + " @PreDestroy";
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  /** {@code main} threw {@code failure}: one line, with its innermost cause. */
  public static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = firstLine(failure.getMessage());
    String line = failure.getClass().getName() + ": " + message;
    String rootMessage = firstLine(root.getMessage());
    // Spring's exceptions repeat their cause's message in their own: say it once.
    boolean repeated =
        message.contains(rootMessage.substring(0, Math.min(40, rootMessage.length())));
    if (root != failure && !repeated) {
      line +=
          " (caused by " + root.getClass().getName() + ": " + firstLine(root.getMessage()) + ")";
    }
    return line;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    String line = message.strip();
    int end = line.indexOf('\n');
    if (end >= 0) {
      line = line.substring(0, end).strip();
    }
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
