package dev.hotpatch.runtime.channel;

/** The application cannot be started: the manifest is unusable or the main class is missing. */
public final class LaunchException extends Exception {
  private static final long serialVersionUID = 1L;

  public LaunchException(String message) {
    super(message);
  }

  public LaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
