package dev.hotpatch.serve;

/** serve cannot start as configured; the message says what to change. */
public final class ServeException extends Exception {
  public ServeException(String message) {
    super(message);
  }

  public ServeException(String message, Throwable cause) {
    super(message, cause);
  }
}
