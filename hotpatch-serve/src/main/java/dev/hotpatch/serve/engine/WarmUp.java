package dev.hotpatch.serve.engine;

import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.build.PatchBuilder;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.event.ServeEvent;
import dev.hotpatch.serve.event.ServeEventListener;
import dev.hotpatch.serve.plan.PatchPlanner;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Gets serve ready for the first patch of every module while the application starts, beside the
 * patch thread: every class read and parsed once into the snapshots, the compiler's view of every
 * module, javac loaded and compiled by the JIT, a few dry plans. An edit never waits for it longer
 * than one of its steps. When it ends, the {@code warm} event is written.
 */
final class WarmUp {
  private final PatchBuilder builder;
  private final PatchPlanner planner;
  private final SnapshotStore snapshots;
  private final ServeEventListener events;
  private final Console console;

  WarmUp(
      PatchBuilder builder,
      PatchPlanner planner,
      SnapshotStore snapshots,
      ServeEventListener events,
      Console console) {
    this.builder = builder;
    this.planner = planner;
    this.snapshots = snapshots;
    this.events = events;
    this.console = console;
  }

  /** Starts it on a daemon thread of its own. */
  void start() {
    Thread thread = new Thread(this::run, "hotpatch-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private void run() {
    long started = System.nanoTime();
    List<ModuleBuild> current = builder.current();
    try {
      planner.warmUp(current);
      builder.warmUp();
    } catch (RuntimeException | LinkageError e) {
      // Only speed is at stake: the first patch does what is left.
      console.warn(
          "warming up failed ("
              + e
              + "); the first patch may be slower. Nothing else is affected.");
      return;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
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
