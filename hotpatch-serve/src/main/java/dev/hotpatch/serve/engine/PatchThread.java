package dev.hotpatch.serve.engine;

import dev.hotpatch.serve.build.WarmUpStep;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * serve's single patch thread, which goes before the warm-up: each task holds a fair turn from
 * start to end. A warm-up step that must not run beside a patch takes the same turn and gives it
 * back early once a task waits for it; one that may runs beside. The warm-up thus never runs
 * between the modules of a patch, where each step would otherwise be paid once per module, and a
 * patch does not wait for the warm-up.
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
   * Runs {@code step} on the calling thread while no task of the patch thread runs; the step is
   * told whether a task waits for its turn.
   *
   * @return whether the step got through; false when it stopped for a task
   * @throws RejectedExecutionException once the patch thread is shut down: the session has ended
   */
  boolean betweenTasks(WarmUpStep step) {
    turn.lock();
    try {
      ensureRunning();
      return step.run(turn::hasQueuedThreads);
    } finally {
      turn.unlock();
    }
  }

  /**
   * Runs {@code step} on the calling thread once no task runs, without holding the turn: a task
   * that comes meanwhile runs beside it. For steps that are safe beside any task.
   *
   * @throws RejectedExecutionException once the patch thread is shut down: the session has ended
   */
  void besideTasks(Runnable step) {
    turn.lock();
    try {
      ensureRunning();
    } finally {
      turn.unlock();
    }
    step.run();
  }

  private void ensureRunning() {
    if (isShutdown()) {
      throw new RejectedExecutionException("the session has ended");
    }
  }

  /** Whether a task or a step waits for its turn; for tests. */
  boolean hasWaiters() {
    return turn.hasQueuedThreads();
  }
}
