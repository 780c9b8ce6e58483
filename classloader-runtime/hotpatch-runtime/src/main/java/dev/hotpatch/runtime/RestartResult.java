package dev.hotpatch.runtime;

/**
 * What became of a warm restart: the application stopped inside its JVM and its main method ran
 * again in new module loaders, or why not.
 *
 * @param restartId the restart's number, from the sequence of patch numbers
 * @param stopMillis how long stopping the application took
 * @param startMillis how long building the new loaders and finding main took
 * @param fallback why only a new JVM can start the application again; the application may be half
 *     stopped, so serve starts a new JVM. {@code null} otherwise
 * @param error why the new start failed: the application is stopped, its JVM waits for the next
 *     restart. {@code null} otherwise
 */
public record RestartResult(
    long restartId, long stopMillis, long startMillis, String fallback, String error) {
  public RestartResult {
    if (fallback != null && error != null) {
      throw new IllegalArgumentException("A restart falls back or fails, not both.");
    }
  }

  /** Main runs again in new loaders. */
  public static RestartResult started(long restartId, long stopMillis, long startMillis) {
    return new RestartResult(restartId, stopMillis, startMillis, null, null);
  }

  /** Only a new JVM can start the application again, for {@code why}. */
  public static RestartResult fallback(long restartId, long stopMillis, String why) {
    return new RestartResult(restartId, stopMillis, 0, why, null);
  }

  /** The application stopped, but its new start failed: {@code error}. */
  public static RestartResult failed(
      long restartId, long stopMillis, long startMillis, String error) {
    return new RestartResult(restartId, stopMillis, startMillis, null, error);
  }

  public boolean ok() {
    return fallback == null && error == null;
  }
}
