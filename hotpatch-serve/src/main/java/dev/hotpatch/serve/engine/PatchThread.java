package dev.hotpatch.serve.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * serve's single patch thread, which goes before the warm-up: each task holds a fair turn from
 * start to end, and the warm-up takes the same turn for each of its small steps. A patch thus waits
 * for one warm-up step at most, and the warm-up never runs between the modules of a patch, where
 * each step would otherwise be paid once per module.
 */
final class PatchThread extends ThreadPoolExecutor {
  private final ReentrantLock turn = new ReentrantLock(true);

  PatchThread() {
    super(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "hotpatch-patch");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  protected void beforeExecute(Thread thread, Runnable task) {
    turn.lock();
  }

  @Override
  protected void afterExecute(Runnable task, Throwable thrown) {
    turn.unlock();
  }

  /**
   * Runs {@code step} on the calling thread while no task of the patch thread runs.
   *
   * @throws RejectedExecutionException once the patch thread is shut down: the session has ended
   */
  void betweenTasks(Runnable step) {
    turn.lock();
    try {
      if (isShutdown()) {
        throw new RejectedExecutionException("the session has ended");
      }
      step.run();
    } finally {
      turn.unlock();
    }
  }

  /** Whether a task or a step waits for its turn; for tests. */
  boolean hasWaiters() {
    return turn.hasQueuedThreads();
  }
}
