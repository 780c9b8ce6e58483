package dev.hotpatch.runtime.launch;

import java.util.Optional;

/**
 * Ends the application when {@code serve} ends, so that no application JVM is left behind when
 * {@code serve} is killed.
 */
final class ParentWatch {
  private ParentWatch() {}

  /**
   * Runs {@code whenGone} once process {@code pid} has exited, at once if it is gone already. Does
   * nothing for {@code pid <= 0}. The JDK waits for the exit on a daemon thread of its own.
   */
  static void watch(long pid, Runnable whenGone) {
    if (pid <= 0) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(pid);
    if (parent.isEmpty() || !parent.get().isAlive()) {
      whenGone.run();
      return;
    }
    parent.get().onExit().thenRun(whenGone);
  }
}
