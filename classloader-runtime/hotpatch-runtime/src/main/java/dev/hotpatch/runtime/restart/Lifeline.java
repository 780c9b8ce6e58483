package dev.hotpatch.runtime.restart;

import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the JVM alive while no application thread does: between the stop of a warm restart and the
 * new start of {@code main}, and after a start whose {@code main} failed, until the next restart.
 * Without it the JVM would end with its last non-daemon thread, the server's, as the application
 * stops.
 *
 * <p>One non-daemon thread, parked, tied to no application loader.
 */
public final class Lifeline {
  private Thread thread; // guarded by this

  /** Holds the JVM until {@link #release}; holding twice is holding once. */
  public synchronized void hold() {
    if (thread != null) {
      return;
    }
    Thread line = new Thread(null, Lifeline::park, "hotpatch-lifeline", 0, false);
    line.setDaemon(false);
    line.setContextClassLoader(null);
    thread = line;
    line.start();
  }

  /** Lets the JVM end when the application's own threads do. */
  public synchronized void release() {
    if (thread != null) {
      thread.interrupt();
      thread = null;
    }
  }

  /** The thread that holds the JVM, which is not the application's; null when released. */
  synchronized Thread thread() {
    return thread;
  }

  private static void park() {
    while (!Thread.currentThread().isInterrupted()) {
      LockSupport.park();
    }
  }
}
