package dev.hotpatch.serve.engine;

import dev.hotpatch.serve.RestartPolicy;
import dev.hotpatch.serve.ServeRequest;
import dev.hotpatch.serve.app.AppExit;
import dev.hotpatch.serve.app.AppProcess;
import dev.hotpatch.serve.app.ApplicationLauncher;
import dev.hotpatch.serve.app.MainClassLocator;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.build.PatchBuilder;
import dev.hotpatch.serve.build.SessionFolder;
import dev.hotpatch.serve.channel.PatchDelivery;
import dev.hotpatch.serve.channel.PatchServer;
import dev.hotpatch.serve.channel.WarmRestart;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.event.ServeEvent;
import dev.hotpatch.serve.event.ServeEventListener;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * One application of a serve session: its JVM, started again after every restart; its patch server;
 * its planner over the modules it loads; and its restarts, warm when they can be.
 */
final class ServedApplication implements RunningApplication {
  /** What the applications of a session share. */
  record Session(
      ServeRequest request,
      SessionFolder folder,
      PatchBuilder builder,
      WorkspaceModel model,
      ServeEventListener events,
      ExecutorService patchThread,
      PatchIds ids) {
    /** The current builds of {@code modules}, in build order. */
    List<ModuleBuild> currentBuilds(Workspace modules) {
      Set<String> loads =
          modules.modules().stream().map(WorkspaceModule::name).collect(Collectors.toSet());
      return builder.current().stream().filter(b -> loads.contains(b.name())).toList();
    }
  }

  private final Session shared;
  private final MainClassLocator.MainClass main;
  private final String name;
  private final Console console;
  private final PatchServer server;
  private final PatchPlanner planner;
  private final PatchReports reports;
  private final PatchDelivery delivery;
  private final WarmRestart warmRestart;
  private final RestartRequests restarts = new RestartRequests();
  private final AtomicBoolean readyReported = new AtomicBoolean();
  private ApplicationLauncher launcher;

  /** Why restarts were not warm, each said once: a plain application is told once, not per save. */
  private final Set<String> saidFallbacks = new HashSet<>();

  private volatile AppProcess app;

  /** The application crashed and waits for a change that builds, or a restart request. */
  private volatile boolean crashed;

  private volatile String behind;
  private volatile long appStartedNanos;

  /** The application's modules as the running application JVM was started with them. */
  private volatile Workspace launchedWith;

  /** When the last restart asked the running application to stop. */
  private volatile long stopRequestedNanos;

  /** The last process that ran it; 0 before the first. */
  private volatile long lastPid;

  /** It exited for good: serve does not start it again. */
  private volatile boolean exited;

  /**
   * @param name its name on serve's lines, or null when serve runs one application
   * @param console serve's console, on which this application's lines start with its name
   */
  ServedApplication(
      Session shared, MainClassLocator.MainClass main, String name, Console console, int port)
      throws Exception {
    this.shared = shared;
    this.main = main;
    this.name = name;
    this.console = console.about(name);
    this.server =
        PatchServer.start(
            port, shared.folder().secret(), shared.folder().id(), new ApplicationListener());
    this.planner = new PatchPlanner(modules());
    this.reports = new PatchReports(this::publish, this.console, main.className(), this::pid);
    this.delivery = PatchDelivery.through(server);
    this.warmRestart = WarmRestart.through(server);
  }

  /** Its patch server: the launcher writes its address into the launch manifest. */
  PatchServer server() {
    return server;
  }

  void launchWith(ApplicationLauncher launcher) {
    this.launcher = launcher;
  }

  ApplicationLauncher launcher() {
    return launcher;
  }

  String className() {
    return main.className();
  }

  /** The name it answers to in {@code r NAME}; null when serve runs one application. */
  String name() {
    return name;
  }

  private void publish(ServeEvent event) {
    shared.events().on(event);
  }

  private long pid() {
    return lastPid;
  }

  /** Its standard input while it runs; null between two runs. */
  OutputStream input() {
    AppProcess running = app;
    return running == null ? null : running.input();
  }

  @Override
  public Workspace modules() {
    return shared.model().applicationOf(main.module().name());
  }

  @Override
  public Workspace launchedWith() {
    return launchedWith;
  }

  @Override
  public boolean crashed() {
    return crashed;
  }

  @Override
  public PatchPlanner planner() {
    return planner;
  }

  @Override
  public PatchDelivery delivery() {
    return delivery;
  }

  @Override
  public PatchReports reports() {
    return reports;
  }

  @Override
  public Console console() {
    return console;
  }

  @Override
  public String restartCommand() {
    return name == null ? "r" : "r " + name;
  }

  @Override
  public String behind() {
    return behind;
  }

  @Override
  public void fellBehind(String why) {
    behind = why;
    console.warn(
        "runs its last good code, older than the other applications': "
            + why
            + ". "
            + restartCommand()
            + " + Enter restarts it on the new code.");
  }

  @Override
  public void workspaceChanged() {
    WorkspaceModule module = shared.model().mainModule(main.module().name());
    launcher.mainModuleChanged(module);
    planner.workspaceChanged(modules());
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

  /** The current builds of the modules it loads, in build order. */
  private List<ModuleBuild> currentBuilds() {
    return shared.currentBuilds(modules());
  }

  /**
   * Starts the application, and again after every restart, until it exits by itself; with {@code
   * restart=auto} a crash waits for the next change that builds (or a restart request) instead.
   *
   * @param firstStarted runs once the first JVM has started
   * @return its exit code
   */
  int run(Runnable firstStarted) throws IOException, InterruptedException {
    try {
      return runUntilExit(firstStarted);
    } finally {
      exited = true;
    }
  }

  @Override
  public boolean exited() {
    return exited;
  }

  private int runUntilExit(Runnable firstStarted) throws IOException, InterruptedException {
    boolean firstStart = true;
    while (true) {
      if (restarts.quitRequested()) {
        reportExit(0, null);
        return 0;
      }
      readyReported.set(false);
      appStartedNanos = System.nanoTime();
      Workspace starting = modules();
      try {
        app = launcher.start(currentBuilds(), stableClasses());
        lastPid = app.pid();
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
                + shared.folder().root()
                + " a writable folder again; serve starts the application after your next change"
                + " that compiles, or on "
                + restartCommand()
                + " + Enter or a touch of "
                + ServeEngine.RESTART_FILE
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
      behind = null;
      if (restarts.quitRequested()) {
        // stop() came while the application started, and may not have seen it.
        app.stop();
      }
      if (firstStart) {
        firstStarted.run();
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
      if (!exit.crashed() || shared.request().restart() == RestartPolicy.NEVER) {
        reportExit(exit.code(), exit.crash());
        return exit.code();
      }
      // Restarting at once would crash again on the same code: wait for a fix.
      crashed = true;
      publish(
          new ServeEvent.AppExit(
              Instant.now(), exit.code(), exit.crash(), true, main.className(), lastPid));
      console.error(
          "the application crashed ("
              + exit.crash()
              + ", exit code "
              + exit.code()
              + "). serve starts it again after your next change that compiles; "
              + restartCommand()
              + " + Enter or touching "
              + ServeEngine.RESTART_FILE
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
      return shared.patchThread().submit(() -> planner.stableClasses(currentBuilds())).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      throw new IOException("Cannot read the stable layer: " + e.getCause().getMessage(), e);
    }
  }

  private void reportExit(int code, String crash) {
    publish(new ServeEvent.AppExit(Instant.now(), code, crash, false, main.className(), lastPid));
    console.info(
        "application exited with code " + code + (crash == null ? "" : " (" + crash + ")"));
  }

  /** Stops it for good: {@link #run} returns 0. Safe from any thread, at any time. */
  void quit() {
    restarts.quit();
    stopProcess();
  }

  /** Ends its JVM, if one runs. */
  void stopProcess() {
    AppProcess running = app;
    if (running != null) {
      running.stop();
    }
  }

  /**
   * Starts the application again on the current builds: inside its JVM when it can be stopped there
   * (a warm restart), else in a new JVM, which {@link #run} starts once this one has exited. Runs
   * on the patch thread.
   */
  @Override
  public void restart(String reason) {
    AppProcess running = app;
    String fallback = null;
    if (!shared.request().warmRestart()) {
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
    List<ModuleBuild> builds = currentBuilds();
    try {
      buildId = launcher.prepareWarmStart(builds, planner.stableClasses(builds));
    } catch (IOException | UncheckedIOException e) {
      return "cannot write the launch manifest (" + e.getMessage() + ")";
    }
    if (buildId.isEmpty()) {
      return "the application's third-party dependencies changed, and only a new JVM loads them";
    }
    WarmRestart.Outcome outcome =
        warmRestart.restart(shared.ids().next(), buildId.get(), shared.request().stopTimeout());
    if (outcome.kind() == WarmRestart.Kind.FALLBACK) {
      return outcome.why();
    }
    publish(
        new ServeEvent.Restart(
            Instant.now(), reason, ServeEvent.Restart.WARM, null, main.className(), running.pid()));
    behind = null;
    launchedWith = modules();
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
    publish(ready(running.pid(), millis, builds));
    return null;
  }

  private ServeEvent.Ready ready(long pid, long millis, List<ModuleBuild> builds) {
    return new ServeEvent.Ready(
        Instant.now(),
        pid,
        millis,
        builds.stream().map(b -> new ServeEvent.ModuleVersion(b.name(), b.version())).toList(),
        main.className());
  }

  /**
   * The main method of a warm restart failed: the JVM waits, and the next change that compiles (or
   * a restart request) starts it again.
   */
  private void applicationFailed(AppProcess running, String error) {
    crashed = true;
    publish(new ServeEvent.AppFailed(Instant.now(), running.pid(), error, main.className()));
    console.error(
        "the application failed to start again in its JVM: "
            + error
            + ". serve starts it again after your next change that compiles; "
            + restartCommand()
            + " + Enter or touching "
            + ServeEngine.RESTART_FILE
            + " starts it now, Ctrl-C ends serve.");
  }

  /**
   * Stops the application's JVM; {@link #run} starts a new one on the current builds.
   *
   * @param fallback why the restart is not warm, or null when none was tried
   */
  private void restartJvm(String reason, String fallback) {
    publish(
        new ServeEvent.Restart(
            Instant.now(), reason, ServeEvent.Restart.JVM, fallback, main.className(), lastPid));
    if (fallback != null && saidFallbacks.add(fallback)) {
      console.warn("restarting in a new JVM, not warm: " + fallback + ".");
    }
    console.warn(
        (crashed ? "starting the application again: " : "restarting the application: ") + reason);
    stopRequestedNanos = System.nanoTime();
    restarts.request(reason);
    stopProcess();
  }

  private static long millisBetween(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
  }

  void close() {
    try {
      server.close();
    } catch (Exception ignored) {
      // Shutting down: nothing left to report to.
    }
  }

  private final class ApplicationListener implements PatchServer.Listener {
    @Override
    public void connected(long pid) {
      if (readyReported.compareAndSet(false, true)) {
        publish(ready(pid, millisBetween(appStartedNanos, System.nanoTime()), currentBuilds()));
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
        shared
            .patchThread()
            .execute(
                () -> restartJvm("the application's start after a warm restart failed", fallback));
      } else {
        ServedApplication.this.applicationFailed(running, error);
      }
    }
  }
}
