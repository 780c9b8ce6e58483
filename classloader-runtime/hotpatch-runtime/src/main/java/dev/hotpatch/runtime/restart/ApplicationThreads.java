package dev.hotpatch.runtime.restart;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The application's non-daemon threads, which must all have ended before {@code main} runs again:
 * one that goes on runs the old code beside the new, and holds what the new start needs (a port, a
 * lock, a file).
 */
final class ApplicationThreads {
  /** The JVM's launcher thread that waits for the last non-daemon thread after main returned. */
  private static final String DESTROY_JAVA_VM = "DestroyJavaVM";

  private static final long POLL_MILLIS = 5;

  private ApplicationThreads() {}

  /**
   * Waits until no non-daemon thread runs but the calling thread and those of {@code ours}, until
   * {@code deadlineNanos} at most.
   *
   * @return a thread that still runs then, or {@code null}
   */
  static Thread awaitEnd(Set<Thread> ours, long deadlineNanos) throws InterruptedException {
    while (true) {
      Thread running = firstRunning(ours);
      if (running == null) {
        return null;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return running;
      }
      running.join(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), POLL_MILLIS * 20)));
    }
  }

  private static Thread firstRunning(Set<Thread> ours) {
    for (Thread thread : all()) {
      if (thread.isAlive()
          && !thread.isDaemon()
          && thread != Thread.currentThread()
          && !ours.contains(thread)
          && !thread.getName().equals(DESTROY_JAVA_VM)) {
        return thread;
      }
    }
    return null;
  }

  /** Every live thread of the JVM. */
  static List<Thread> all() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count;
    while ((count = root.enumerate(threads, true)) == threads.length) {
      threads = new Thread[threads.length * 2];
    }
    List<Thread> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(threads[i]);
    }
    return all;
  }

  /** {@code "http-8080" (non-daemon)} with where it is, for the one-line fallback. */
  static String describe(Thread thread) {
    StackTraceElement[] stack = thread.getStackTrace();
    String where = "";
    for (StackTraceElement frame : stack) {
      if (!frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")) {
        where = ", at " + frame;
        break;
      }
    }
    return "\"" + thread.getName() + "\" (non-daemon" + where + ")";
  }
}
