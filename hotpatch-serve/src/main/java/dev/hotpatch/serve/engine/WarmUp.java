package dev.hotpatch.serve.engine;

import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.build.PatchBuilder;
import dev.hotpatch.serve.build.WarmUpStep;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.event.ServeEvent;
import dev.hotpatch.serve.event.ServeEventListener;
import dev.hotpatch.serve.plan.PatchPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Gets serve ready for the first patch of every module while the application starts, beside the
 * patch thread: every class read and parsed once into the snapshots, the compiler's view of every
 * module, javac loaded and compiled by the JIT, a few dry plans. An edit does not wait for it: the
 * dry plans run beside the patch thread's tasks, and each compile step runs between them and stops
 * for a patch, to run again after it. When it ends, the {@code warm} event is written.
 */
final class WarmUp {
  private final PatchBuilder builder;
  private final PatchPlanner planner;
  private final SnapshotStore snapshots;
  private final PatchThread patchThread;
  private final CompletableFuture<Void> compilerPrimed;
  private final ServeEventListener events;
  private final Console console;
  private volatile Thread thread;

  WarmUp(
      PatchBuilder builder,
      PatchPlanner planner,
      SnapshotStore snapshots,
      PatchThread patchThread,
      CompletableFuture<Void> compilerPrimed,
      ServeEventListener events,
      Console console) {
    this.builder = builder;
    this.patchThread = patchThread;
    this.compilerPrimed = compilerPrimed;
    this.planner = planner;
    this.snapshots = snapshots;
    this.events = events;
    this.console = console;
  }

  /**
   * Primes the compiler ({@link PatchBuilder#primeCompiler}) on a thread of its own, beside the
   * rest of serve's start and the application's, rather than on the warm-up's first module.
   *
   * @return done when the compiler has run, or failed to
   */
  static CompletableFuture<Void> primeCompiler(PatchBuilder builder) {
    CompletableFuture<Void> primed = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                builder.primeCompiler();
              } finally {
                primed.complete(null);
              }
            },
            "hotpatch-javac-primer");
    thread.setDaemon(true);
    thread.start();
    return primed;
  }

  /**
   * Starts it on a daemon thread of its own.
   *
   * @param ended runs when it has ended, well or not, before the {@code warm} event
   */
  void start(Runnable ended) {
    thread =
        new Thread(
            () -> {
              boolean warm = false;
              long started = System.nanoTime();
              try {
                warm = run();
              } finally {
                ended.run();
              }
              if (warm && !patchThread.isShutdown()) {
                tell(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
              }
            },
            "hotpatch-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  /**
   * Waits for it to end, once the patch thread is shut down: it ends after the step under way, so
   * that nothing writes to the session folder or the events file after the session.
   */
  void awaitEnd(Duration timeout) throws InterruptedException {
    Thread running = thread;
    if (running != null) {
      running.join(timeout.toMillis());
    }
  }

  /** Whether it got through. */
  private boolean run() {
    List<ModuleBuild> current = builder.current();
    try {
      planner.warmUpSteps(current).forEach(patchThread::besideTasks);
      compilerPrimed.join();
      for (WarmUpStep step : builder.warmUpSteps()) {
        // A step that stopped for a patch runs again after it (the turn is fair): what it warms,
        // the patch may not.
        boolean done;
        do {
          done = patchThread.betweenTasks(step);
        } while (!done);
      }
    } catch (RejectedExecutionException e) {
      return false; // the session ended first
    } catch (RuntimeException | LinkageError e) {
      // Only speed is at stake: the first patch does what is left.
      console.warn(
          "warming up failed ("
              + e
              + "); the first patch may be slower. Nothing else is affected.");
      return false;
    }
    return true;
  }

  private void tell(long millis) {
    List<ModuleBuild> current = builder.current();
    int classes = current.stream().mapToInt(b -> b.classes().size()).sum();
    events.on(
        new ServeEvent.Warm(
            Instant.now(),
            millis,
            current.size(),
            classes,
            snapshots.bytesHeld(),
            snapshots.classFilesRead(),
            snapshots.classesParsed()));
    console.info(
        String.format(
            Locale.ROOT,
            "warm in %,d ms: %d modules, %,d classes (%.1f MB) ready for the first patch",
            millis,
            current.size(),
            classes,
            snapshots.bytesHeld() / 1e6));
  }
}
