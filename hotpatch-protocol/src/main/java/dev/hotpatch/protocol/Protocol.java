package dev.hotpatch.protocol;

/** The version of the protocol, which launch.json, the hello and every patch carry. */
public final class Protocol {
  /**
   * The version both ends speak, and the only one either accepts: serve and the runtime come from
   * the same hotpatch release.
   *
   * <p>4: serve may ask the application to restart inside its JVM ({@code restart}, answered by
   * {@code restart-result}), and the application reports a main method that failed after such a
   * restart ({@code app-failed}). 3: a module's {@code classes} are the layers of its version,
   * newest first, with a parallel {@code deleted} array (2 named one folder per module). 2: patches
   * carry {@code protocol}, {@code pid} and {@code buildId}; launch.json carries {@code buildId}
   * and {@code patchRoots}.
   */
  public static final int VERSION = 5;

  private Protocol() {}
}
