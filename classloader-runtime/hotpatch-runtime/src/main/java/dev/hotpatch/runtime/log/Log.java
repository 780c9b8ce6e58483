package dev.hotpatch.runtime.log;

/**
 * The runtime's few own lines. They go to standard error with the {@code [hotpatch]} prefix:
 * standard output belongs to the application.
 */
public final class Log {
  static final String PREFIX = "[hotpatch] ";

  private Log() {}

  public static void line(String message) {
    System.err.println(PREFIX + message);
  }
}
