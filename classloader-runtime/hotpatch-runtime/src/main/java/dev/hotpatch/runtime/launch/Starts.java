package dev.hotpatch.runtime.launch;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.PatchResult;
import dev.hotpatch.runtime.RestartResult;
import dev.hotpatch.runtime.channel.LaunchException;
import dev.hotpatch.runtime.channel.LaunchManifest;
import dev.hotpatch.runtime.channel.PatchClient;
import dev.hotpatch.runtime.log.Log;
import dev.hotpatch.runtime.patch.HotRuntime;
import dev.hotpatch.runtime.restart.ApplicationStop;
import dev.hotpatch.runtime.restart.Leftovers;
import dev.hotpatch.runtime.restart.Lifeline;
import dev.hotpatch.runtime.restart.StaleLoaders;
import dev.hotpatch.runtime.restart.StartFailure;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The starts of the application in this JVM: the first, which {@link RuntimeMain} runs on the JVM's
 * main thread, then one per warm restart. Each start has its own {@link HotRuntime} (stable layer,
 * module loaders, bridge behind {@code Hot}) over the one libraries loader, which stays loaded and
 * JIT-compiled across them.
 *
 * <p>A warm restart stops the current start ({@link ApplicationStop}), clears what the libraries
 * and the JDK keep of it ({@link Leftovers}), reads the next start's launch.json, builds its
 * runtime, and runs its main method on a new non-daemon thread named {@code main}.
 */
final class Starts implements PatchClient.Restarter {
  private final Path launchJson;
  private final ClassLoader libraries;
  private final Instrumentation instrumentation;
  private final Lifeline lifeline = new Lifeline();

  // Written by restarts, which run one at a time on the patch thread; read by any thread.
  private volatile LaunchManifest manifest;
  private volatile HotRuntime runtime;

  /** Whether the current start's main method is known to have failed. */
  private volatile boolean failed;

  private volatile PatchClient client;

  private Starts(
      Path launchJson,
      LaunchManifest manifest,
      ClassLoader libraries,
      Instrumentation instrumentation,
      HotRuntime runtime) {
    this.launchJson = launchJson;
    this.manifest = manifest;
    this.libraries = libraries;
    this.instrumentation = instrumentation;
    this.runtime = runtime;
  }

  /** The first start: its runtime is built, its main method not run yet. */
  static Starts first(
      Path launchJson,
      LaunchManifest manifest,
      ClassLoader libraries,
      Instrumentation instrumentation)
      throws LaunchException {
    return new Starts(
        launchJson,
        manifest,
        libraries,
        instrumentation,
        runtime(manifest, libraries, instrumentation));
  }

  HotRuntime runtime() {
    return runtime;
  }

  LaunchManifest manifest() {
    return manifest;
  }

  /** Where to report a failed main method of a later start. */
  void reportTo(PatchClient patchClient) {
    this.client = patchClient;
  }

  /** Applies a patch to the current start. */
  PatchResult apply(long patchId, List<ModulePatch> modules) {
    return runtime.apply(patchId, modules);
  }

  @Override
  public void restart(
      long restartId, String nextBuildId, Duration stopTimeout, Consumer<RestartResult> answer) {
    LaunchManifest next;
    try {
      next = LaunchManifest.read(launchJson);
    } catch (LaunchException e) {
      answer.accept(RestartResult.fallback(restartId, 0, e.getMessage()));
      return;
    }
    String mismatch = mismatch(next, nextBuildId);
    if (mismatch != null) {
      answer.accept(RestartResult.fallback(restartId, 0, mismatch));
      return;
    }
    HotRuntime stopping = runtime;
    StaleLoaders stale = new StaleLoaders(stopping.stableLoader());
    ApplicationStop.Outcome stop;
    try {
      stop =
          ApplicationStop.stop(
              stopping.stopActions(), stale, libraries, !failed, lifeline, stopTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.accept(RestartResult.fallback(restartId, 0, "the runtime was interrupted"));
      return;
    }
    if (!stop.stopped()) {
      lifeline.release();
      answer.accept(RestartResult.fallback(restartId, stop.millis(), stop.fallback()));
      return;
    }
    long started = System.nanoTime();
    Leftovers.clear(stale, libraries);
    failed = true; // Until its main method runs: the lifeline holds the JVM meanwhile.
    HotRuntime fresh;
    Method main;
    try {
      fresh = runtime(next, libraries, instrumentation);
      main = MainMethods.find(fresh.loader(next.mainModule()), next.mainClass());
    } catch (LaunchException e) {
      answer.accept(
          RestartResult.failed(restartId, stop.millis(), millisSince(started), e.getMessage()));
      return;
    }
    fresh.installBridge(next.mainModule());
    runtime = fresh;
    manifest = next;
    failed = false;
    answer.accept(RestartResult.started(restartId, stop.millis(), millisSince(started)));
    Thread thread =
        new Thread(null, () -> runMain(main, next, fresh), "main", 0, /* inherit locals */ false);
    thread.setDaemon(false);
    thread.setContextClassLoader(fresh.loader(next.mainModule()));
    thread.start();
    lifeline.release();
  }

  /** Why {@code next} cannot be started in this JVM, or null. */
  private String mismatch(LaunchManifest next, String nextBuildId) {
    LaunchManifest current = manifest;
    if (!nextBuildId.equals(next.buildId())) {
      return "launch.json names build \""
          + next.buildId()
          + "\", the restart build \""
          + nextBuildId
          + "\"";
    }
    // Only a new JVM loads other libraries: the libraries loader is the JVM's for good.
    if (!next.libraries().equals(current.libraries())) {
      return "the application's libraries changed, and only a new JVM loads other libraries";
    }
    if (!next.args().equals(current.args())
        || !Objects.equals(next.sessionId(), current.sessionId())) {
      return "launch.json describes another session or other arguments";
    }
    return null;
  }

  /** Runs a later start's main method; a failure keeps the JVM up for the next restart. */
  private void runMain(Method main, LaunchManifest started, HotRuntime startedRuntime) {
    String[] args = started.args().toArray(new String[0]);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      Throwable failure = e.getCause();
      if (runtime == startedRuntime) {
        failed = true;
        lifeline.hold();
        PatchClient patchClient = client;
        if (patchClient != null) {
          patchClient.appFailed(StartFailure.describe(failure), StartFailure.boundPort(failure));
        }
      }
      // As the JVM's launcher does: the stack trace on standard error.
      Thread.currentThread().getThreadGroup().uncaughtException(Thread.currentThread(), failure);
    } catch (IllegalAccessException e) {
      Log.line("Cannot run " + started.mainClass() + ".main: " + e);
    }
  }

  private static HotRuntime runtime(
      LaunchManifest manifest, ClassLoader libraries, Instrumentation instrumentation)
      throws LaunchException {
    try {
      return HotRuntime.create(
          libraries, manifest.modules(), manifest.stableClasses(), instrumentation);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new LaunchException(
          "Cannot build the application's class loaders: " + e.getMessage(), e);
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
