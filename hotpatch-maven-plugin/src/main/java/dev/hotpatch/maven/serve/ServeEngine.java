package dev.hotpatch.maven.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.maven.compile.CompilationFailedException;
import dev.hotpatch.maven.compile.CompilerDiagnostic;
import dev.hotpatch.maven.compile.ModuleCompiler;
import dev.hotpatch.maven.facade.FacadeValidator;
import dev.hotpatch.maven.facade.FacadeViolation;
import dev.hotpatch.maven.workspace.Workspace;
import dev.hotpatch.maven.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Runs one serve session: starts the patch server and the application, then turns every burst of
 * source changes into a patch until the application exits.
 */
public final class ServeEngine {
  private static final long PATCH_TIMEOUT_SECONDS = 60;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

  /** Whether body-only patches are redefined in place (the runtime's agent does it). */
  private static final boolean IN_PLACE = true;

  /**
   * Touching this file (relative to the reactor root) restarts the application, for tools and
   * scripts that cannot type {@code r} on serve's terminal.
   */
  static final String RESTART_FILE = "target/hotpatch/restart";

  /** A touch is a single write, not an editor's save: its events come within microseconds. */
  private static final Duration RESTART_SETTLE = Duration.ofMillis(10);

  private final ServeRequest request;
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

  /** Why the application is being restarted; null while it is not. */
  private final AtomicReference<String> restartReason = new AtomicReference<>();

  private EventLog events;
  private PatchServer server;
  private ApplicationLauncher launcher;
  private PatchBuilder builder;
  private PatchPlanner planner;
  private volatile AppProcess app;
  private volatile boolean quitRequested;
  private volatile long appStartedNanos;
  private long lastPatchId;

  public ServeEngine(ServeRequest request) {
    this.request = request;
    this.terminal = request.interactive() && Terminal.isInteractive();
    this.console = new Console(System.out, request.quiet(), terminal);
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
    VersionSource versions =
        switch (mode) {
          case SOURCES -> new CompiledVersions(ModuleCompiler.systemCompiler());
          case CLASSES -> new CopiedVersions();
        };
    try {
      SessionLock.acquire(root.resolve("target/hotpatch/serve.lock"));
      SessionFolder session = SessionFolder.create(root.resolve("target/hotpatch/session"));
      events = EventLog.open(request.eventsFile());
      builder = new PatchBuilder(application, versions, session);
      planner = new PatchPlanner(application);
      String violations = facadeViolations(builder.current());
      if (violations != null) {
        throw new ServeException(violations);
      }
      server =
          PatchServer.start(
              request.port(), session.secret(), session.id(), new ApplicationListener());
      launcher = new ApplicationLauncher(request, session, main, server.uri(), workingDirectory);
      Path restartFile = root.resolve(RESTART_FILE);
      try (FolderWatcher changes =
              FolderWatcher.start(
                  mode.roots(application),
                  mode.filter(application),
                  request.debounce(),
                  batch -> patchThread.execute(() -> patch(application, mode, batch)));
          FolderWatcher restarts =
              FolderWatcher.start(
                  List.of(restartFile.getParent()),
                  WatchFilter.single(restartFile),
                  RESTART_SETTLE,
                  batch -> restartOnRequest(restartFile))) {
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
                System.in,
                java.nio.charset.Charset.defaultCharset(),
                () -> app == null ? null : app.input(),
                terminal ? this::onCommand : null)
            .start();
        if (terminal) {
          console.info("r + Enter restarts the application, q + Enter quits");
        }
        Thread stopOnSignal = new Thread(this::stopOnSignal, "hotpatch-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        int code = runApplication();
        Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        events.write("app-exit", Map.of("code", code));
        console.info("application exited with code " + code);
        return code;
      }
    } catch (ServeException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new ServeException("hotpatch:serve failed: " + e.getMessage(), e);
    } finally {
      patchThread.shutdownNow();
      closeQuietly(server);
      closeQuietly(events);
    }
  }

  /** Starts the application, and again after every restart, until it exits by itself. */
  private int runApplication() throws IOException, InterruptedException {
    // Once: after a restart the compiler is still warm, and the new JVM needs the CPU.
    patchThread.execute(builder::warmUp);
    patchThread.execute(() -> planner.warmUp(builder.current()));
    while (true) {
      readyReported.set(false);
      appStartedNanos = System.nanoTime();
      app = launcher.start(builder.current());
      int code = app.waitFor();
      if (quitRequested) {
        return 0;
      }
      if (restartReason.getAndSet(null) == null) {
        return code;
      }
    }
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
      quitRequested = true;
      AppProcess running = app;
      if (running != null) {
        running.stop();
      }
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

  private void patch(Workspace application, WatchMode mode, FolderWatcher.Batch batch) {
    long started = System.nanoTime();
    Set<String> changed = new LinkedHashSet<>();
    if (batch.overflow()) {
      // The platform dropped events: any watched module may have changed, so all are rebuilt.
      application.modules().stream()
          .filter(module -> !mode.roots(module).isEmpty())
          .forEach(module -> changed.add(module.name()));
    }
    for (Path file : batch.files()) {
      mode.owner(application, file).ifPresent(module -> changed.add(module.name()));
    }
    if (changed.isEmpty()) {
      return;
    }
    List<ModuleBuild> built;
    PatchPlanner.Result plan;
    long compiled;
    try {
      built = builder.build(changed);
      compiled = System.nanoTime();
      // Checked before planning: a patch that breaks a facade contract is not worth a diff.
      String violations = facadeViolations(view(built));
      if (violations != null) {
        reject(++lastPatchId, List.of(), violations);
        return;
      }
      plan = planner.plan(builder.current(), built, IN_PLACE);
    } catch (CompilationFailedException e) {
      reportCompileError(e);
      return;
    } catch (RuntimeException e) {
      console.error("cannot build the patch: " + e.getMessage());
      return;
    }
    long planned = System.nanoTime();
    plan.warnings().forEach(w -> console.warn("warning: " + w));
    if (plan.restartReason() != null) {
      restartOrReject(built, plan.restartReason());
      return;
    }
    if (plan.unreachable() != null && request.restartAutomatically()) {
      restartOrReject(built, plan.unreachable());
      return;
    }
    if (plan.steps().isEmpty()) {
      builder.clearChanges();
      console.info("no class changed in " + String.join(", ", changed));
      return;
    }
    Delivery delivery = deliver(plan);
    if (delivery.retryAsNewLoader()) {
      console.info(
          "redefining in place failed ("
              + delivery.failure()
              + "); loading the patch with new class loaders instead");
      plan = planner.plan(builder.current(), built, false);
      if (plan.unreachable() != null && request.restartAutomatically()) {
        restartOrReject(built, plan.unreachable());
        return;
      }
      delivery = deliver(plan);
    }
    long loaded = System.nanoTime();
    List<Map<String, Object>> modules = PatchMessage.eventModules(plan.steps());
    if (delivery.failure() != null) {
      reject(delivery.patchId(), modules, delivery.failure());
      return;
    }
    JsonNode result = delivery.result();
    long patchId = delivery.patchId();
    List<ModuleBuild> applied = plan.steps().stream().map(PatchPlanner.Step::build).toList();
    builder.commit(applied);
    planner.commit(applied);
    Map<String, Object> millis = new LinkedHashMap<>();
    millis.put("detect", millisBetween(batch.firstSeenNanos(), started));
    millis.put("compile", millisBetween(started, compiled));
    millis.put("diff", millisBetween(compiled, planned));
    millis.put("load", millisBetween(planned, loaded));
    millis.put("total", millisBetween(batch.firstSeenNanos(), loaded));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("patchId", patchId);
    fields.put("modules", modules);
    fields.put("millis", millis);
    events.write("patch-applied", fields);
    for (JsonNode warning : result.path("warnings")) {
      console.warn("warning: " + warning.asText());
    }
    console.applied(
        plan.steps().stream().map(PatchPlanner.Step::describe).collect(Collectors.joining(" + "))
            + " applied in "
            + millis.get("total")
            + " ms ("
            + mode.buildStep()
            + " "
            + millis.get("compile")
            + ", diff "
            + millis.get("diff")
            + ", load "
            + millis.get("load")
            + ")");
    if (plan.unreachable() != null) {
      console.warn(
          "warning: "
              + plan.unreachable()
              + ". Restart the application to run it, or use -Dhotpatch.restart=auto.");
    }
  }

  /**
   * What became of one patch message.
   *
   * @param result the application's {@code patch-result} when it accepted the patch
   * @param failure why the patch did not apply, or null
   * @param retryAsNewLoader whether the application says the same modules as new loaders may work
   */
  private record Delivery(
      long patchId, JsonNode result, String failure, boolean retryAsNewLoader) {}

  private Delivery deliver(PatchPlanner.Result plan) {
    long patchId = ++lastPatchId;
    JsonNode result;
    try {
      result =
          server
              .send(patchId, PatchMessage.of(patchId, plan.steps()), CONNECT_TIMEOUT)
              .get(PATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Delivery(patchId, null, "serve was interrupted", false);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Delivery(
          patchId, null, "the patch did not reach the application: " + cause.getMessage(), false);
    }
    if (!result.path("ok").asBoolean(false)) {
      return new Delivery(
          patchId,
          result,
          result.path("error").asText("the application refused the patch"),
          result.path("retryAsNewLoader").asBoolean(false));
    }
    return new Delivery(patchId, result, null, false);
  }

  /** The current builds with {@code built} in place of their modules' current versions. */
  private List<ModuleBuild> view(List<ModuleBuild> built) {
    Map<String, ModuleBuild> view = new LinkedHashMap<>();
    builder.current().forEach(b -> view.put(b.name(), b));
    built.forEach(b -> view.put(b.name(), b));
    return List.copyOf(view.values());
  }

  /** Every {@code @HotFacade} signature that names a reloadable type, or null when none does. */
  private static String facadeViolations(List<ModuleBuild> builds) {
    Map<String, Path> folders = new LinkedHashMap<>();
    builds.forEach(b -> folders.put(b.name(), b.classes()));
    List<FacadeViolation> violations = FacadeValidator.validate(folders);
    return violations.isEmpty()
        ? null
        : violations.stream().map(FacadeViolation::describe).collect(Collectors.joining("\n"));
  }

  /**
   * No patch can make this change correct: with {@code restart=auto} the application restarts on
   * the new builds; otherwise it keeps running and the user is told.
   */
  private void restartOrReject(List<ModuleBuild> built, String reason) {
    if (!request.restartAutomatically()) {
      reject(
          ++lastPatchId,
          List.of(),
          "restart required: "
              + reason
              + ". Restart serve to apply it (-Dhotpatch.restart=never).");
      return;
    }
    builder.commit(built);
    planner.commit(built);
    restart(reason);
  }

  /** Stops the application; {@link #runApplication} starts it again on the current builds. */
  private void restart(String reason) {
    events.write("restart", Map.of("reason", reason));
    console.warn("restarting the application: " + reason);
    restartReason.set(reason);
    AppProcess running = app;
    if (running != null) {
      running.stop();
    }
  }

  private void reject(long patchId, List<Map<String, Object>> modules, String reason) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("patchId", patchId);
    fields.put("modules", modules);
    fields.put("reason", reason);
    events.write("patch-rejected", fields);
    console.error(
        "patch "
            + patchId
            + " rejected: "
            + reason
            + "\nThe application keeps running the last good code.");
  }

  private void reportCompileError(CompilationFailedException e) {
    List<Map<String, Object>> diagnostics = new ArrayList<>();
    for (CompilerDiagnostic d : e.diagnostics()) {
      Map<String, Object> diagnostic = new LinkedHashMap<>();
      diagnostic.put("file", d.file());
      diagnostic.put("line", d.line());
      diagnostic.put("column", d.column());
      diagnostic.put("message", d.message());
      diagnostics.add(diagnostic);
    }
    events.write("compile-error", Map.of("module", e.module(), "diagnostics", diagnostics));
    console.compileError(e);
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

  private final class ApplicationListener implements PatchServer.Listener {
    @Override
    public void connected(long pid) {
      if (readyReported.compareAndSet(false, true)) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pid", pid);
        fields.put("startMillis", millisBetween(appStartedNanos, System.nanoTime()));
        fields.put(
            "modules",
            builder.current().stream()
                .map(b -> Map.of("name", b.name(), "version", b.version()))
                .toList());
        events.write("ready", fields);
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
  }
}
