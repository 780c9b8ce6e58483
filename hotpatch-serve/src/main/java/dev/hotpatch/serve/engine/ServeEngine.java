package dev.hotpatch.serve.engine;

import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.ApplicationSpec;
import dev.hotpatch.serve.ServeException;
import dev.hotpatch.serve.ServeRequest;
import dev.hotpatch.serve.ServeStreams;
import dev.hotpatch.serve.app.ApplicationJava;
import dev.hotpatch.serve.app.ApplicationLauncher;
import dev.hotpatch.serve.app.ApplicationOutput;
import dev.hotpatch.serve.app.InputForwarder;
import dev.hotpatch.serve.app.MainClassLocator;
import dev.hotpatch.serve.app.WorkingDirectory;
import dev.hotpatch.serve.build.PatchBuilder;
import dev.hotpatch.serve.build.SessionFolder;
import dev.hotpatch.serve.build.SessionLock;
import dev.hotpatch.serve.build.VersionSource;
import dev.hotpatch.serve.channel.Address;
import dev.hotpatch.serve.channel.RemoteKeys;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.console.Terminal;
import dev.hotpatch.serve.event.EventLog;
import dev.hotpatch.serve.event.ServeEvent;
import dev.hotpatch.serve.event.ServeEventListener;
import dev.hotpatch.serve.memory.IdleMemory;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Runs one serve session: starts the applications, each with its patch server, then turns every
 * burst of source changes into a patch of each application that loads them, until every application
 * has exited, or until {@link #stop}.
 *
 * <p>Free of Maven: a front end builds a {@link ServeRequest} and calls {@link #run}, which blocks;
 * a tool or a test may run it on a thread of its own, watch it through {@link #addListener} and end
 * it with {@link #stop}.
 */
public final class ServeEngine {
  /**
   * Touching this file (relative to the reactor root) restarts every application, for tools and
   * scripts that cannot type {@code r} on serve's terminal.
   */
  static final String RESTART_FILE = "target/hotpatch/restart";

  /**
   * Touching this file (relative to the reactor root) ends serve as {@code q} + Enter does, for
   * tools and scripts; it is deleted when serve starts, so that an old one ends nothing.
   */
  static final String STOP_FILE = "target/hotpatch/stop";

  /** A touch is a single write, not an editor's save: its events come within microseconds. */
  private static final Duration RESTART_SETTLE = Duration.ofMillis(10);

  /** How long the end of a session waits for a patch, a warm-up step or javac's priming. */
  private static final Duration BACKGROUND_WORK_ENDS = Duration.ofSeconds(10);

  private final ServeRequest request;
  private final ServeStreams streams;
  private final boolean terminal;
  private final Console console;
  private final PatchThread patchThread = new PatchThread();
  private final AtomicReference<WarmUp> warmUp = new AtomicReference<>();
  private volatile IdleMemory idleMemory;
  private volatile CompletableFuture<Void> compilerPrimed = CompletableFuture.completedFuture(null);

  /** Who sees the events besides the events file. */
  private final List<ServeEventListener> listeners = new CopyOnWriteArrayList<>();

  /** The applications, in the order the user listed them. */
  private final List<ServedApplication> applications = new CopyOnWriteArrayList<>();

  /** The application that runs from a bundle elsewhere, with -Dhotpatch.launch=remote; or null. */
  private volatile RemoteApplication remote;

  private volatile boolean quit;
  private EventLog events;
  private PatchBuilder builder;
  private SnapshotStore snapshots;
  private PatchPipeline pipeline;
  private WorkspaceModel model;

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
   * Serves until every application has exited.
   *
   * @return the first non-zero exit code of an application, in the order they ended; else 0
   */
  public int run() throws ServeException, InterruptedException {
    Path root = request.workspace().root();
    ApplicationJava.check(request.javaExecutable());
    List<ApplicationSpec> specs = request.applications();
    List<MainClassLocator.MainClass> mains = locate(specs);
    List<Path> workingDirectories = new ArrayList<>();
    for (ApplicationSpec spec : specs) {
      workingDirectories.add(WorkingDirectory.resolve(root, spec.workingDirectory()));
    }
    List<String> names =
        ApplicationNames.of(mains.stream().map(MainClassLocator.MainClass::className).toList());
    model =
        new WorkspaceModel(
            request.workspaceReader(),
            request.workspace(),
            mains.stream().map(main -> main.module().name()).toList());
    Workspace application = model.application();
    WatchMode mode = request.watch();
    snapshots = new SnapshotStore();
    VersionSource versions =
        switch (mode) {
          case SOURCES -> VersionSource.compiled(ModuleCompiler.systemCompiler(snapshots));
          case CLASSES -> VersionSource.copied();
        };
    try (SessionLock lock = SessionLock.acquire(root.resolve("target/hotpatch/serve.lock"));
        IdleMemory idleMemory = IdleMemory.start(console, IdleMemory.IDLE)) {
      // The warm-up is work that writes no event until it ends: memory goes back after it.
      this.idleMemory = idleMemory;
      SessionFolder session = SessionFolder.create(root.resolve("target/hotpatch/session"));
      events = EventLog.open(request.eventsFile());
      builder = new PatchBuilder(application, versions, session, snapshots, request.resources());
      compilerPrimed = WarmUp.primeCompiler(builder);
      String violations = FacadeContracts.violations(builder.current());
      if (violations != null) {
        throw new ServeException(violations);
      }
      PatchIds ids = new PatchIds();
      ServedApplication.Session shared =
          new ServedApplication.Session(
              request, session, builder, model, this::publish, patchThread, ids);
      boolean several = request.severalApplications();
      if (request.remoteLaunch()) {
        remote = startRemote(shared, mains.get(0));
        if (quit) {
          remote.quit();
        }
      }
      for (int i = 0; i < mains.size() && remote == null; i++) {
        // The port the user chose is the first application's; the others take free ones.
        ServedApplication served =
            new ServedApplication(
                shared, mains.get(i), names.get(i), console, i == 0 ? request.port() : 0);
        applications.add(served);
        if (quit) {
          served.quit(); // stop() came before this application existed
        }
        served.launchWith(
            new ApplicationLauncher(
                request,
                specs.get(i),
                several ? "a" + (i + 1) : "",
                session,
                mains.get(i),
                served.server(),
                workingDirectories.get(i),
                several
                    ? ApplicationOutput.labelled(names.get(i), streams.applicationOutput())
                    : ApplicationOutput.unchanged(streams.applicationOutput())));
      }
      AtomicReference<FolderWatcher> sources = new AtomicReference<>();
      pipeline =
          new PatchPipeline(
              model,
              mode,
              builder,
              new PatchReports(this::publish, console),
              console,
              request.restart(),
              batch -> sources.get() != null && sources.get().changedSince(batch),
              modules -> watch(sources.get(), mode, modules),
              remote != null ? List.of(remote) : applications,
              ids);
      Path restartFile = root.resolve(RESTART_FILE);
      Path stopFile = root.resolve(STOP_FILE);
      Files.deleteIfExists(stopFile);
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
          FolderWatcher requests =
              FolderWatcher.start(
                  List.of(restartFile.getParent()),
                  WatchFilter.files(List.of(restartFile, stopFile)),
                  RESTART_SETTLE,
                  batch -> onRequest(batch, restartFile, stopFile))) {
        sources.set(changes);
        console.info(
            "serving "
                + mains.stream()
                    .map(MainClassLocator.MainClass::className)
                    .collect(Collectors.joining(", "))
                + " ("
                + application.modules().stream()
                    .map(WorkspaceModule::name)
                    .collect(Collectors.joining(", "))
                + "); "
                + mode.describe());
        ServedApplication first = remote == null ? applications.get(0) : null;
        new InputForwarder(
                streams.in(),
                Charset.defaultCharset(),
                () -> first == null ? null : first.input(),
                terminal ? this::onCommand : null)
            .start();
        if (terminal) {
          console.info(
              several
                  ? "r + Enter restarts every application, r NAME + Enter one of them ("
                      + String.join(", ", names)
                      + "), q + Enter quits; what else you type goes to "
                      + names.get(0)
                  : "r + Enter restarts the application, q + Enter quits");
        }
        if (applications.stream().anyMatch(a -> a.launcher().turnsDevToolsOff())) {
          console.info(
              "spring-boot-devtools is on the class path: its restarts are off"
                  + " (-Dspring.devtools.restart.enabled=false), since serve patches and restarts"
                  + " the application itself");
        }
        Thread stopOnSignal = new Thread(this::stopOnSignal, "hotpatch-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
          return runApplications();
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
      applications.forEach(ServedApplication::close);
      if (remote != null) {
        remote.close();
      }
      awaitBackgroundWork();
      closeQuietly(events);
    }
  }

  /**
   * Lets the patch under way, the warm-up's step under way and the compiler's priming end, so that
   * no event and no file of the session is written after {@link #run} returns.
   */
  private void awaitBackgroundWork() {
    long deadline = System.nanoTime() + BACKGROUND_WORK_ENDS.toNanos();
    try {
      patchThread.awaitTermination(BACKGROUND_WORK_ENDS.toNanos(), TimeUnit.NANOSECONDS);
      WarmUp started = warmUp.get();
      if (started != null) {
        started.awaitEnd(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      }
      compilerPrimed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Shutting down: whatever is still running has nothing left to report to.
    }
  }

  /**
   * Opens the remote channel, with the reactor's keys, for an application that runs from its bundle
   * elsewhere, and says where it waits.
   */
  private RemoteApplication startRemote(
      ServedApplication.Session shared, MainClassLocator.MainClass main) throws Exception {
    if (request.severalApplications()) {
      throw new ServeException(
          "-Dhotpatch.launch=remote serves one application, and the configuration names "
              + request.applications().size()
              + ". Name one main class with -Dhotpatch.mainClass.");
    }
    Address address;
    try {
      address = Address.parse(request.listen(), "hotpatch.listen");
    } catch (IllegalArgumentException e) {
      throw new ServeException(e.getMessage());
    }
    RemoteKeys keys =
        RemoteKeys.loadOrCreate(
            request.workspace().root().resolve(RemoteKeys.FOLDER), request.rotateKeys());
    RemoteApplication application = new RemoteApplication(shared, main, console, address, keys);
    console.info(
        "waiting for "
            + main.className()
            + " to connect from its bundle (mvn hotpatch:bundle) to "
            + application.server().uri()
            + ", certificate SHA-256 "
            + keys.fingerprint().substring(0, 16)
            + "...");
    return application;
  }

  /** The main class of every application, each in the module that holds it. */
  private List<MainClassLocator.MainClass> locate(List<ApplicationSpec> specs)
      throws ServeException {
    List<MainClassLocator.MainClass> mains = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      String mainClass = specs.get(i).mainClass();
      if (specs.size() > 1 && (mainClass == null || mainClass.isBlank())) {
        throw new ServeException(
            "Application "
                + (i + 1)
                + " in <applications> of the hotpatch-maven-plugin configuration names no"
                + " <mainClass>. Give every application its main class.");
      }
      if (mainClass != null && !seen.add(mainClass)) {
        throw new ServeException(
            "Main class "
                + mainClass
                + " is listed twice in -Dhotpatch.mainClass or <applications>. List each"
                + " application once.");
      }
      mains.add(MainClassLocator.locate(request.workspace(), mainClass));
    }
    return mains;
  }

  /** The build files now name {@code modules}: serve watches their folders. */
  private static void watch(FolderWatcher sources, WatchMode mode, Workspace modules) {
    try {
      sources.watch(mode.roots(modules), mode.filter(modules));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot watch the folders the build files now name (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Runs every application until it exits by itself, each on a thread of its own when there are
   * several; a crash or a restart of one leaves the others running.
   *
   * @return the first non-zero exit code, in the order the applications ended; else 0
   */
  private int runApplications() throws IOException, InterruptedException {
    if (remote != null) {
      warmUp();
      return remote.run();
    }
    if (applications.size() == 1) {
      return applications.get(0).run(this::warmUp);
    }
    ExecutorService threads =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "hotpatch-application");
              thread.setDaemon(true);
              return thread;
            });
    ExecutorCompletionService<Integer> ended = new ExecutorCompletionService<>(threads);
    try {
      for (ServedApplication served : applications) {
        ended.submit(() -> served.run(this::warmUp));
      }
      int code = 0;
      for (int i = 0; i < applications.size(); i++) {
        int exit;
        try {
          exit = ended.take().get();
        } catch (ExecutionException e) {
          // One could not start at all: serve cannot go on as asked.
          stop();
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IllegalStateException(e.getCause());
        }
        if (code == 0) {
          code = exit;
        }
      }
      return code;
    } finally {
      threads.shutdownNow();
    }
  }

  /** Once, when the first application has started: after a restart the compiler is still warm. */
  private void warmUp() {
    if (warmUp.get() != null) {
      return;
    }
    WarmUp started =
        new WarmUp(
            builder,
            new PatchPlanner(model.application()),
            snapshots,
            patchThread,
            compilerPrimed,
            this::publish,
            console);
    if (warmUp.compareAndSet(null, started)) {
      started.start(() -> listeners.add(idleMemory));
    }
  }

  /** Someone touched {@link #RESTART_FILE} or {@link #STOP_FILE}; deleting one asks nothing. */
  private void onRequest(FolderWatcher.Batch batch, Path restartFile, Path stopFile) {
    if (batch.files().contains(stopFile) && Files.exists(stopFile)) {
      console.info("stopping: requested through " + STOP_FILE);
      stop();
    } else if ((batch.overflow() || batch.files().contains(restartFile))
        && Files.exists(restartFile)) {
      restartAll("requested through " + RESTART_FILE);
    }
  }

  private void restartAll(String reason) {
    patchThread.execute(
        () -> {
          applications.stream().filter(a -> !a.exited()).forEach(a -> a.restart(reason));
          if (remote != null) {
            remote.restart(reason);
          }
        });
  }

  /**
   * A line typed on serve's terminal: {@code q}, {@code r}, or {@code r NAME} when serve runs
   * several applications.
   *
   * @return whether it was a command for serve, not input for the application
   */
  private boolean onCommand(String line) {
    if (line.equals("q")) {
      stop();
      return true;
    }
    if (line.equals("r")) {
      restartAll("you asked for it (r)");
      return true;
    }
    if (applications.size() == 1 || !line.startsWith("r ")) {
      return false;
    }
    String name = line.substring(2).strip();
    Optional<ServedApplication> named =
        applications.stream()
            .filter(a -> a.name().equals(name) || a.className().equals(name))
            .findFirst();
    if (named.isEmpty()) {
      console.warn(
          "no application is named "
              + name
              + "; r NAME + Enter restarts one of "
              + applications.stream().map(ServedApplication::name).collect(Collectors.joining(", "))
              + ", r + Enter all of them.");
    } else if (named.get().exited()) {
      console.warn(name + " has exited; serve does not start it again.");
    } else {
      patchThread.execute(() -> named.get().restart("you asked for it (r " + name + ")"));
    }
    return true;
  }

  /**
   * Stops every application, and with them the session: {@link #run} returns 0, as after {@code q}
   * + Enter. Safe from any thread and at any time, also before the applications have started.
   */
  public void stop() {
    quit = true;
    applications.forEach(ServedApplication::quit);
    if (remote != null) {
      remote.quit();
    }
  }

  /** Ctrl-C or SIGTERM reached serve: the applications go too, and serve ends with 0. */
  private void stopOnSignal() {
    applications.parallelStream().forEach(ServedApplication::stopProcess);
    Runtime.getRuntime().halt(0);
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
}
