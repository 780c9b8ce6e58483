package dev.hotpatch.protocol;

/** The version of the protocol, which launch.json, the hello and every patch carry. */
public final class Protocol {
  /**
   * The version both ends speak, and the only one either accepts: serve and the runtime come from
   * the same hotpatch release.
   *
   * <p>5: a patch to a remote application carries each module's new layer ({@code layer}), and its
   * hello says what it has of each module ({@code content}). 4: serve may ask the application to
   * restart inside its JVM ({@code restart}, answered by {@code restart-result}), and the
   * application reports a main method that failed after such a restart ({@code app-failed}). 3: a
   * module's {@code classes} are the layers of its version, newest first, with a parallel {@code
   * deleted} array (2 named one folder per module). 2: patches carry {@code protocol}, {@code pid}
   * and {@code buildId}; launch.json carries {@code buildId} and {@code patchRoots}.
   */
  public static final int VERSION = 5;

  /**
   * The exit code with which a remote application asks its bundle's run script to start it again:
   * the answer to a {@code restart}, since serve cannot start a process on another host. (75 is
   * {@code EX_TEMPFAIL} of sysexits.h: try again.)
   */
  public static final int BUNDLE_RESTART_EXIT = 75;

  /**
   * The reason of the close frame with which serve's remote channel drops a connection that a newer
   * one with the same secret replaced: the application that gets it stops connecting.
   */
  public static final String REPLACED_CLOSE_REASON = "a newer connection replaced this one";

  private Protocol() {}
}
