package dev.hotpatch.serve.engine;

import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.RestartPolicy;
import dev.hotpatch.serve.ServeException;
import dev.hotpatch.serve.ServeRequest;
import dev.hotpatch.serve.ServeStreams;
import dev.hotpatch.serve.app.AppExit;
import dev.hotpatch.serve.app.AppProcess;
import dev.hotpatch.serve.app.ApplicationJava;
import dev.hotpatch.serve.app.ApplicationLauncher;
import dev.hotpatch.serve.app.InputForwarder;
import dev.hotpatch.serve.app.MainClassLocator;
import dev.hotpatch.serve.app.WorkingDirectory;
import dev.hotpatch.serve.build.PatchBuilder;
import dev.hotpatch.serve.build.SessionFolder;
import dev.hotpatch.serve.build.SessionLock;
import dev.hotpatch.serve.build.VersionSource;
import dev.hotpatch.serve.channel.PatchDelivery;
import dev.hotpatch.serve.channel.PatchServer;
import dev.hotpatch.serve.channel.WarmRestart;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.console.Terminal;
import dev.hotpatch.serve.event.EventLog;
import dev.hotpatch.serve.event.ServeEvent;
import dev.hotpatch.serve.event.ServeEventListener;
import dev.hotpatch.serve.plan.FacadeContracts;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.watch.FolderWatcher;
import dev.hotpatch.serve.watch.WatchFilter;
import dev.hotpatch.serve.watch.WatchMode;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Runs one serve session: starts the patch server and the application, then turns every burst of
 * source changes into a patch until the application exits, or until {@link #stop}.
 *
 * <p>Free of Maven: a front end builds a {@link ServeRequest} and calls {@link #run}, which blocks;
 * a tool or a test may run it on a thread of its own, watch it through {@link #addListener} and end
 * it with {@link #stop}.
 */
public final class ServeEngine {
  /**
   * Touching this file (relative to the reactor root) restarts the application, for tools and
   * scripts that cannot type {@code r} on serve's terminal.
   */
  static final String RESTART_FILE = "target/hotpatch/restart";

  /** A touch is a single write, not an editor's save: its events come within microseconds. */
  private static final Duration RESTART_SETTLE = Duration.ofMillis(10);

  private final ServeRequest request;
  private final ServeStreams streams;
  private final boolean terminal;
  private final Console console;
  private final ExecutorService patchThread =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "hotpatch-patch");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean readyReported = new AtomicBoolean();

  private final RestartRequests restarts = new RestartRequests();

  /** Who sees the events besides the events file. */
  private final List<ServeEventListener> listeners = new CopyOnWriteArrayList<>();

  private EventLog events;
  private PatchServer server;
  private ApplicationLauncher launcher;
  private PatchBuilder builder;
  private PatchPlanner planner;
  private SnapshotStore snapshots;
  private PatchPipeline pipeline;
  private WarmRestart warmRestart;
  private WorkspaceModel model;
  private SessionFolder session;
  private volatile AppProcess app;

  /** Why restarts were not warm, each said once: a plain application is told once, not per save. */
  private final Set<String> saidFallbacks = new HashSet<>();

  /** The application crashed and waits for a change that builds, or a restart request. */
  private volatile boolean crashed;

  private volatile long appStartedNanos;

  /** The application's modules as the running application JVM was started with them. */
  private volatile Workspace launchedWith;

  /** When the last restart asked the running application to stop. */
  private volatile long stopRequestedNanos;

  /** A session on serve's own standard streams, which the application shares. */
  public ServeEngine(ServeRequest request) {
    this(request, ServeStreams.system());
  }

  public ServeEngine(ServeRequest request, ServeStreams streams) {
    this.request = request;
    this.streams = streams;
    this.terminal = request.interactive() && Terminal.isInteractive();
    this.console = new Console(streams.out(), request.quiet(), terminal);
  }

  /**
   * Has {@code listener} see every event of the session from now on, after the events file; for
   * tools and tests that run the engine in process.
   */
  public void addListener(ServeEventListener listener) {
    listeners.add(listener);
  }

  private void publish(ServeEvent event) {
    events.on(event);
    for (ServeEventListener listener : listeners) {
      listener.on(event);
    }
  }

  /**
   * Serves until the application exits.
   *
   * @return the application's exit code
   */
  public int run() throws ServeException, InterruptedException {
    Path root = request.workspace().root();
    Path workingDirectory = WorkingDirectory.resolve(root, request.workingDirectory());
    ApplicationJava.check(request.javaExecutable());
    MainClassLocator.MainClass main =
        MainClassLocator.locate(request.workspace(), request.mainClass());
    Workspace application = request.workspace().closureOf(main.module());
    WatchMode mode = request.watch();
    snapshots = new SnapshotStore();
    VersionSource versions =
        switch (mode) {
          case SOURCES -> VersionSource.compiled(ModuleCompiler.systemCompiler(snapshots));
          case CLASSES -> VersionSource.copied();
        };
    try (SessionLock lock = SessionLock.acquire(root.resolve("target/hotpatch/serve.lock"))) {
      session = SessionFolder.create(root.resolve("target/hotpatch/session"));
      events = EventLog.open(request.eventsFile());
      builder = new PatchBuilder(application, versions, session, snapshots, request.resources());
      planner = new PatchPlanner(application);
      String violations = FacadeContracts.violations(builder.current());
      if (violations != null) {
        throw new ServeException(violations);
      }
      server =
          PatchServer.start(
              request.port(), session.secret(), session.id(), new ApplicationListener());
      launcher =
          new ApplicationLauncher(
              request, session, main, server, workingDirectory, streams.applicationOutput());
      warmRestart = WarmRestart.through(server);
      AtomicReference<FolderWatcher> sources = new AtomicReference<>();
      model = new WorkspaceModel(request.workspaceReader(), application, main.module().name());
      pipeline =
          new PatchPipeline(
              model,
              mode,
              builder,
              planner,
              PatchDelivery.through(server),
              new PatchReports(this::publish, console),
              console,
              request.restart(),
              () -> crashed,
              batch -> sources.get() != null && sources.get().changedSince(batch),
              this::restart,
              new Application(mode, sources));
      Path restartFile = root.resolve(RESTART_FILE);
      // Without a reader, a changed build file would mean nothing to serve.
      Workspace watched =
          request.workspaceReader() == null
              ? new Workspace(application.root(), application.modules())
              : application;
      try (FolderWatcher changes =
              FolderWatcher.start(
                  mode.roots(watched),
                  mode.filter(watched),
                  request.debounce(),
                  batch -> patchThread.execute(() -> pipeline.patch(batch)));
          FolderWatcher restarts =
              FolderWatcher.start(
                  List.of(restartFile.getParent()),
                  WatchFilter.single(restartFile),
                  RESTART_SETTLE,
                  batch -> restartOnRequest(restartFile))) {
        sources.set(changes);
        console.info(
            "serving "
                + main.className()
                + " ("
                + application.modules().stream()
                    .map(WorkspaceModule::name)
                    .collect(Collectors.joining(", "))
                + "); "
                + mode.describe());
        new InputForwarder(
                streams.in(),
                Charset.defaultCharset(),
                () -> app == null ? null : app.input(),
                terminal ? this::onCommand : null)
            .start();
        if (terminal) {
          console.info("r + Enter restarts the application, q + Enter quits");
        }
        if (launcher.turnsDevToolsOff()) {
          console.info(
              "spring-boot-devtools is on the class path: its restarts are off"
                  + " (-Dspring.devtools.restart.enabled=false), since serve patches and restarts"
                  + " the application itself");
        }
        Thread stopOnSignal = new Thread(this::stopOnSignal, "hotpatch-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
          return runApplication();
        } finally {
          // Else a serve that failed would still halt with 0 when its JVM exits.
          Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        }
      }
    } catch (ServeException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new ServeException(
          "hotpatch:serve stopped on an unexpected error ("
              + e
              + "); the application was stopped with it. Run serve again; if this repeats, report"
              + " it with this message and the output above it.",
          e);
    } finally {
      patchThread.shutdownNow();
      closeQuietly(server);
      closeQuietly(events);
    }
  }

  /**
   * Starts the application, and again after every restart, until it exits by itself; with {@code
   * restart=auto} a crash waits for the next change that builds (or a restart request) instead.
   *
   * @return the exit code serve ends with
   */
  private int runApplication() throws IOException, InterruptedException {
    boolean firstStart = true;
    while (true) {
      if (restarts.quitRequested()) {
        reportExit(0, null);
        return 0;
      }
      readyReported.set(false);
      appStartedNanos = System.nanoTime();
      Workspace starting = model.application();
      try {
        app = launcher.start(builder.current(), stableClasses());
      } catch (IOException e) {
        if (firstStart) {
          throw e;
        }
        // The session folder cannot take the launch manifest: wait, as after a crash, for a
        // change that builds (which needs the folder too) or a restart request.
        app = null;
        crashed = true;
        console.error(
            "cannot start the application again ("
                + e
                + "). Free disk space or make "
                + session.root()
                + " a writable folder again; serve starts the application after your next change"
                + " that compiles, or on r + Enter or a touch of "
                + RESTART_FILE
                + ".");
        String reason = restarts.await();
        crashed = false;
        if (reason == null) {
          reportExit(0, null);
          return 0;
        }
        continue;
      }
      launchedWith = starting;
      if (restarts.quitRequested()) {
        // stop() came while the application started, and may not have seen it.
        app.stop();
      }
      if (firstStart) {
        // Once: after a restart the compiler is still warm, and the new JVM needs the CPU.
        new WarmUp(builder, planner, snapshots, this::publish, console).start();
        firstStart = false;
      }
      AppExit exit = app.waitFor();
      if (restarts.quitRequested()) {
        reportExit(0, null);
        return 0;
      }
      if (restarts.take() != null) {
        // The exit code of an application serve stopped says nothing: 143 or 137 is serve's doing.
        console.info(
            "stopped the application for the restart in "
                + millisBetween(stopRequestedNanos, System.nanoTime())
                + " ms");
        continue;
      }
      if (!exit.crashed() || request.restart() == RestartPolicy.NEVER) {
        reportExit(exit.code(), exit.crash());
        return exit.code();
      }
      // Restarting at once would crash again on the same code: wait for a fix.
      crashed = true;
      publish(new ServeEvent.AppExit(Instant.now(), exit.code(), exit.crash(), true));
      console.error(
          "the application crashed ("
              + exit.crash()
              + ", exit code "
              + exit.code()
              + "). serve starts it again after your next change that compiles; r + Enter or"
              + " touching "
              + RESTART_FILE
              + " starts it now, Ctrl-C ends serve.");
      String reason = restarts.await();
      crashed = false;
      if (reason == null) {
        reportExit(0, null);
        return 0;
      }
    }
  }

  /**
   * The stable layer of the current builds, from the planner's snapshots on the patch thread (the
   * planner is not thread-safe): a restart reads no class folder again.
   */
  private Map<String, List<String>> stableClasses() throws IOException, InterruptedException {
    try {
      return patchThread.submit(() -> planner.stableClasses(builder.current())).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      throw new IOException("Cannot read the stable layer: " + e.getCause().getMessage(), e);
    }
  }

  private void reportExit(int code, String crash) {
    publish(new ServeEvent.AppExit(Instant.now(), code, crash, false));
    console.info(
        "application exited with code " + code + (crash == null ? "" : " (" + crash + ")"));
  }

  /** Someone touched {@link #RESTART_FILE}; deleting it asks for nothing. */
  private void restartOnRequest(Path restartFile) {
    if (Files.exists(restartFile)) {
      patchThread.execute(() -> restart("requested through " + RESTART_FILE));
    }
  }

  /** A command typed on serve's terminal. */
  private void onCommand(String command) {
    if (command.equals("r")) {
      patchThread.execute(() -> restart("you asked for it (r)"));
    } else {
      stop();
    }
  }

  /**
   * Stops the application, and with it the session: {@link #run} returns 0, as after {@code q} +
   * Enter. Safe from any thread and at any time, also before the application has started.
   */
  public void stop() {
    restarts.quit();
    AppProcess running = app;
    if (running != null) {
      running.stop();
    }
  }

  /** Ctrl-C or SIGTERM reached serve: the application goes too, and serve ends with 0. */
  private void stopOnSignal() {
    AppProcess running = app;
    if (running != null) {
      running.stop();
    }
    Runtime.getRuntime().halt(0);
  }

  /**
   * Starts the application again on the current builds: inside its JVM when it can be stopped there
   * (a warm restart), else in a new JVM, which {@link #runApplication} starts once this one has
   * exited. Runs on the patch thread.
   */
  private void restart(String reason) {
    AppProcess running = app;
    String fallback = null;
    if (!request.warmRestart()) {
      fallback = "warm restarts are off (-Dhotpatch.warmRestart=false)";
    } else if (running != null && running.isAlive() && !restarts.quitRequested()) {
      fallback = restartWarm(reason, running);
      if (fallback == null) {
        return;
      }
    }
    restartJvm(reason, fallback);
  }

  /**
   * Asks the running application to restart inside its JVM.
   *
   * @return why only a new JVM can start it again, or null when the warm restart happened (its main
   *     method runs, or failed and waits for a fix)
   */
  private String restartWarm(String reason, AppProcess running) {
    long started = System.nanoTime();
    Optional<String> buildId;
    try {
      buildId =
          launcher.prepareWarmStart(builder.current(), planner.stableClasses(builder.current()));
    } catch (IOException | UncheckedIOException e) {
      return "cannot write the launch manifest (" + e.getMessage() + ")";
    }
    if (buildId.isEmpty()) {
      return "the application's third-party dependencies changed, and only a new JVM loads them";
    }
    WarmRestart.Outcome outcome =
        warmRestart.restart(pipeline.nextPatchId(), buildId.get(), request.stopTimeout());
    if (outcome.kind() == WarmRestart.Kind.FALLBACK) {
      return outcome.why();
    }
    publish(new ServeEvent.Restart(Instant.now(), reason, ServeEvent.Restart.WARM, null));
    if (outcome.kind() == WarmRestart.Kind.FAILED) {
      console.warn("restarted the application in its JVM: " + reason);
      applicationFailed(running, outcome.why());
      return null;
    }
    crashed = false;
    long millis = millisBetween(started, System.nanoTime());
    console.warn(
        "restarted the application in its JVM in "
            + millis
            + " ms (stop "
            + outcome.stopMillis()
            + ", start "
            + outcome.startMillis()
            + "): "
            + reason);
    publish(
        new ServeEvent.Ready(
            Instant.now(),
            running.pid(),
            millis,
            builder.current().stream()
                .map(b -> new ServeEvent.ModuleVersion(b.name(), b.version()))
                .toList()));
    return null;
  }

  /**
   * The main method of a warm restart failed: the JVM waits, and the next change that compiles (or
   * a restart request) starts it again.
   */
  private void applicationFailed(AppProcess running, String error) {
    crashed = true;
    publish(new ServeEvent.AppFailed(Instant.now(), running.pid(), error));
    console.error(
        "the application failed to start again in its JVM: "
            + error
            + ". serve starts it again after your next change that compiles; r + Enter or"
            + " touching "
            + RESTART_FILE
            + " starts it now, Ctrl-C ends serve.");
  }

  /**
   * Stops the application's JVM; {@link #runApplication} starts a new one on the current builds.
   *
   * @param fallback why the restart is not warm, or null when none was tried
   */
  private void restartJvm(String reason, String fallback) {
    publish(new ServeEvent.Restart(Instant.now(), reason, ServeEvent.Restart.JVM, fallback));
    if (fallback != null && saidFallbacks.add(fallback)) {
      console.warn("restarting in a new JVM, not warm: " + fallback + ".");
    }
    console.warn(
        (crashed ? "starting the application again: " : "restarting the application: ") + reason);
    stopRequestedNanos = System.nanoTime();
    restarts.request(reason);
    AppProcess running = app;
    if (running != null) {
      running.stop();
    }
  }

  private static long millisBetween(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Shutting down: nothing left to report to.
    }
  }

  /** The application JVM as the patch pipeline sees it. */
  private final class Application implements RunningApplication {
    private final WatchMode mode;
    private final AtomicReference<FolderWatcher> sources;

    Application(WatchMode mode, AtomicReference<FolderWatcher> sources) {
      this.mode = mode;
      this.sources = sources;
    }

    @Override
    public Workspace launchedWith() {
      return launchedWith;
    }

    @Override
    public void workspaceChanged(Workspace application) {
      launcher.mainModuleChanged(model.mainModule());
      try {
        sources.get().watch(mode.roots(application), mode.filter(application));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot watch the folders the build files now name (" + e.getMessage() + ")", e);
      }
    }

    @Override
    public String endedWithin(Duration wait) {
      AppProcess running = app;
      try {
        return running == null ? null : running.endedWithin(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private final class ApplicationListener implements PatchServer.Listener {
    @Override
    public void connected(long pid) {
      if (readyReported.compareAndSet(false, true)) {
        publish(
            new ServeEvent.Ready(
                Instant.now(),
                pid,
                millisBetween(appStartedNanos, System.nanoTime()),
                builder.current().stream()
                    .map(b -> new ServeEvent.ModuleVersion(b.name(), b.version()))
                    .toList()));
      }
    }

    @Override
    public void disconnected() {
      // The process exit is what ends the session; a dropped connection is retried by the app.
    }

    @Override
    public void rejected(String line) {
      console.warn(line);
    }

    @Override
    public void applicationFailed(String error, String fallback) {
      AppProcess running = app;
      if (running == null) {
        return;
      }
      if (fallback != null) {
        patchThread.execute(
            () -> restartJvm("the application's start after a warm restart failed", fallback));
      } else {
        ServeEngine.this.applicationFailed(running, error);
      }
    }
  }
}
