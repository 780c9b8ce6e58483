package dev.hotpatch.serve.engine;

import dev.hotpatch.serve.RestartPolicy;
import dev.hotpatch.serve.build.IncompleteClassFileException;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.build.PatchBuilder;
import dev.hotpatch.serve.build.SessionWriteException;
import dev.hotpatch.serve.channel.PatchDelivery;
import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.plan.FacadeContracts;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.watch.FolderWatcher;
import dev.hotpatch.serve.watch.WatchMode;
import dev.hotpatch.serve.workspace.BuildFileException;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceChange;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Turns one burst of changed files into a patch of the running applications: build the changed
 * modules once, check facade contracts, then plan, send and report for every application that loads
 * them. Runs on serve's single patch thread.
 */
final class PatchPipeline {
  private final WorkspaceModel model;
  private final WatchMode mode;
  private final PatchBuilder builder;
  private final PatchReports reports;
  private final Console console;
  private final RestartPolicy restartPolicy;
  private final Predicate<FolderWatcher.Batch> superseded;
  private final Consumer<Workspace> watch;
  private final List<? extends RunningApplication> applications;
  private final PatchIds ids;

  /** How long a connection lost in a patch may take to show as the application's end. */
  private static final Duration APPLICATION_END = Duration.ofSeconds(2);

  /**
   * How long a build file that cannot be read is given to be saved whole before it is reported: an
   * editor that writes in place empties the file first, and on a busy machine the rest can come
   * later than the watcher waits for quiet.
   */
  private static final Duration SAVE_IN_PROGRESS = Duration.ofMillis(250);

  /** A build file changed, and was not read since: the next burst reads the build files. */
  private boolean buildFilesStale;

  /**
   * @param reports where what concerns the workspace is reported: compile errors, build files
   * @param restartPolicy whether a change that only a restart makes correct restarts the
   *     application or is rejected
   * @param superseded whether more changes came after a batch: its build is dropped for the next
   *     batch, which holds them all, so that a burst of saves is one patch
   * @param watch hears of every new reading of the build files, with the modules of every
   *     application: what serve watches follows them
   * @param applications the applications: when one's class path differs from the build files', only
   *     a restart is correct for it
   */
  PatchPipeline(
      WorkspaceModel model,
      WatchMode mode,
      PatchBuilder builder,
      PatchReports reports,
      Console console,
      RestartPolicy restartPolicy,
      Predicate<FolderWatcher.Batch> superseded,
      Consumer<Workspace> watch,
      List<? extends RunningApplication> applications,
      PatchIds ids) {
    this.model = model;
    this.mode = mode;
    this.builder = builder;
    this.reports = reports;
    this.console = console;
    this.restartPolicy = restartPolicy;
    this.superseded = superseded;
    this.watch = watch;
    this.applications = List.copyOf(applications);
    this.ids = ids;
  }

  /**
   * Turns one burst of changes into a patch, a restart or a report. Nothing that goes wrong here
   * ends the session: the applications keep their last good code, and the next save tries again.
   */
  void patch(FolderWatcher.Batch batch) {
    try {
      buildAndSend(batch);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // The burst's files may not have reached the builder: nothing may rely on its list of them.
      builder.changesLost();
      console.error(
          "cannot apply the change ("
              + (e.getMessage() == null ? e.toString() : e.getMessage())
              + "); the application keeps running its last good code. Save again to retry;"
              + " if this repeats, restart serve and report it with this line.");
    }
  }

  /** The times of a burst that every application's patch shares. */
  private record Clock(long firstSeen, long started, long compiled) {}

  /** What one application made of a burst. */
  private enum Verdict {
    /** Nothing of it changed. */
    UNTOUCHED,
    /** It runs the new builds. */
    APPLIED,
    /** It starts again on the new builds. */
    RESTARTS,
    /** It keeps its code; the builds are not its current ones. */
    REJECTED,
    /** It ended while it had the patch. */
    ENDED,
    /** It is away, and takes the new builds when it connects again (a remote application). */
    DEFERRED
  }

  /** What a burst does to the applications, gathered before any of it is made current. */
  private final class Burst {
    final List<ModuleBuild> built;
    final Clock clock;
    private final List<ModuleBuild> applied = new ArrayList<>();
    private final Map<RunningApplication, String> restarts = new LinkedHashMap<>();
    private final Map<RunningApplication, String> rejected = new LinkedHashMap<>();
    private long patchId;

    Burst(List<ModuleBuild> built, Clock clock) {
      this.built = built;
      this.clock = clock;
    }

    /** The number of this patch, the same for every application it reaches. */
    long patchId() {
      if (patchId == 0) {
        patchId = ids.next();
      }
      return patchId;
    }

    Verdict restart(RunningApplication app, String reason) {
      restarts.put(app, reason);
      return Verdict.RESTARTS;
    }

    Verdict rejected(RunningApplication app, String reason) {
      rejected.put(app, reason);
      return Verdict.REJECTED;
    }
  }

  private void buildAndSend(FolderWatcher.Batch batch) {
    long started = System.nanoTime();
    // The build files first: the sources of the same burst compile with what they say.
    buildFilesStale |= buildFilesChanged(batch);
    boolean modelChanged = buildFilesStale && readBuildFiles(batch);
    Changes changes = changes(batch);
    if (changes.isEmpty() && !modelChanged) {
      return;
    }
    List<ModuleBuild> built;
    try {
      built = builder.build(changes.code(), changes.resources());
    } catch (CompilationFailedException e) {
      if (!superseded.test(batch)) {
        reports.compileError(e);
      }
      return;
    } catch (SessionWriteException e) {
      console.error(e.getMessage());
      return;
    } catch (IncompleteClassFileException e) {
      console.info(e.getMessage());
      return;
    } catch (RuntimeException e) {
      console.error(cannotBuild(changes.modules(), e));
      return;
    }
    if (superseded.test(batch)) {
      return;
    }
    Burst burst = new Burst(built, new Clock(batch.firstSeenNanos(), started, System.nanoTime()));
    // Checked before planning: a patch that breaks a facade contract is not worth a diff.
    String violations;
    try {
      violations = FacadeContracts.violations(view(built));
    } catch (RuntimeException e) {
      console.error(cannotBuild(changes.modules(), e));
      return;
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (RunningApplication app : applications) {
      try {
        verdicts.add(patch(app, burst, changes, violations));
      } catch (RuntimeException e) {
        app.console().error(cannotBuild(changes.modules(), e));
        verdicts.add(Verdict.REJECTED);
      }
    }
    settle(burst, verdicts);
  }

  /**
   * Makes the builds current when an application took them; an application that could not take what
   * others took falls behind. Restarts come last, on the builds made current.
   */
  private void settle(Burst burst, List<Verdict> verdicts) {
    boolean taken =
        verdicts.contains(Verdict.APPLIED)
            || verdicts.contains(Verdict.RESTARTS)
            || verdicts.contains(Verdict.DEFERRED);
    if (!taken) {
      if (verdicts.stream().allMatch(v -> v == Verdict.UNTOUCHED)) {
        builder.clearChanges();
      }
      return;
    }
    List<ModuleBuild> current = new ArrayList<>(burst.applied);
    if (!burst.restarts.isEmpty()) {
      current.addAll(burst.built);
    }
    builder.commit(current);
    burst.rejected.forEach(
        (app, reason) -> {
          String why =
              "it did not take patch " + burst.patchId() + ", which others took (" + reason + ")";
          if (restartPolicy == RestartPolicy.AUTO) {
            burst.restarts.put(app, why + ": it starts again on the new code");
          } else {
            app.fellBehind(why);
          }
        });
    burst.restarts.forEach(RunningApplication::restart);
  }

  /** Plans, sends and reports the burst's patch for one application. */
  private Verdict patch(RunningApplication app, Burst burst, Changes changes, String violations) {
    if (app.exited()) {
      return Verdict.UNTOUCHED;
    }
    Set<String> loads = names(app.modules());
    List<ModuleBuild> built = burst.built.stream().filter(b -> loads.contains(b.name())).toList();
    String classPath = classPathChange(app);
    if (classPath != null && !app.crashed()) {
      // A new class path takes a new JVM, whatever the classes say.
      return restartOrReject(app, burst, classPath);
    }
    if (built.isEmpty()) {
      return Verdict.UNTOUCHED;
    }
    if (violations != null) {
      app.reports().rejected(burst.patchId(), List.of(), violations);
      return burst.rejected(app, violations);
    }
    if (app.crashed()) {
      // Nothing runs to patch: the application starts on the new builds.
      return burst.restart(
          app,
          "a change in "
              + String.join(", ", changes.modules().isEmpty() ? names(built) : changes.modules())
              + " compiled");
    }
    if (app.behind() != null) {
      return restartOrReject(app, burst, app.behind());
    }
    List<ModuleBuild> current =
        builder.current().stream().filter(b -> loads.contains(b.name())).toList();
    Map<String, Set<String>> resources = builder.builtResources();
    long planning = System.nanoTime();
    // Body-only changes are redefined in place: the runtime runs as an agent.
    PatchPlanner.Result plan =
        app.planner().plan(current, built, PatchPlanner.Redefinition.ALLOWED, resources);
    long planned = System.nanoTime();
    plan.warnings().forEach(w -> app.console().warn("warning: " + w));
    if (plan.restartReason() != null) {
      return restartOrReject(app, burst, plan.restartReason());
    }
    if (plan.unreachable() != null && restartPolicy == RestartPolicy.AUTO) {
      return restartOrReject(app, burst, plan.unreachable());
    }
    if (plan.steps().isEmpty()) {
      if (!changes.isEmpty()) {
        app.console().info("no class changed in " + String.join(", ", changes.modules()));
      }
      return Verdict.UNTOUCHED;
    }
    PatchDelivery.Outcome outcome = app.delivery().send(burst.patchId(), plan.steps());
    if (outcome.retryAsNewLoader()) {
      app.console()
          .info(
              "redefining in place failed ("
                  + outcome.failure()
                  + "); loading the patch with new class loaders instead");
      plan = app.planner().plan(current, built, PatchPlanner.Redefinition.OFF, resources);
      if (plan.unreachable() != null && restartPolicy == RestartPolicy.AUTO) {
        return restartOrReject(app, burst, plan.unreachable());
      }
      outcome = app.delivery().send(ids.next(), plan.steps());
    }
    long loaded = System.nanoTime();
    if (outcome.connectionLost() && app.catchesUp()) {
      app.console().info(outcome.failure());
      plan.steps().forEach(step -> burst.applied.add(step.build()));
      return Verdict.DEFERRED;
    }
    if (outcome.connectionLost()) {
      String end = app.endedWithin(APPLICATION_END);
      if (end != null) {
        // Its builds stay built: the next start, after the next change, runs them.
        app.reports()
            .ended(
                outcome.patchId(),
                plan.steps(),
                "the application ended before it answered patch "
                    + outcome.patchId()
                    + " ("
                    + end
                    + ")");
        return Verdict.ENDED;
      }
    }
    if (outcome.failure() != null) {
      app.reports().rejected(outcome.patchId(), plan.steps(), outcome.failure());
      return burst.rejected(app, outcome.failure());
    }
    plan.steps().forEach(step -> burst.applied.add(step.build()));
    Clock clock = burst.clock;
    app.reports()
        .applied(
            outcome.patchId(),
            plan.steps(),
            outcome.warnings(),
            new PatchReports.Timings(
                mode.buildStep(),
                millisBetween(clock.firstSeen(), clock.started()),
                millisBetween(clock.started(), clock.compiled()),
                millisBetween(planning, planned),
                millisBetween(planned, loaded),
                millisBetween(clock.firstSeen(), loaded)));
    if (plan.unreachable() != null) {
      app.console()
          .warn(
              "warning: "
                  + plan.unreachable()
                  + ". Restart the application to run it, or use -Dhotpatch.restart=auto.");
    }
    if (!outcome.staleResources().isEmpty()) {
      unseenResources(app, burst, outcome.staleResources());
    }
    return Verdict.APPLIED;
  }

  private static String cannotBuild(Set<String> modules, RuntimeException e) {
    return "cannot build the patch of "
        + String.join(", ", modules)
        + " ("
        + e
        + "); the application keeps running its last good code. Save again to retry; if"
        + " this repeats, restart serve and report it with this line.";
  }

  /**
   * Changed resources that the application read once and holds in memory: only a new start reads
   * them. With {@code restart=auto} the application restarts; otherwise the user is told.
   */
  private void unseenResources(
      RunningApplication app, Burst burst, List<PatchDelivery.StaleResource> stale) {
    String resources =
        stale.stream()
            .map(PatchDelivery.StaleResource::describe)
            .collect(java.util.stream.Collectors.joining("; "));
    if (restartPolicy == RestartPolicy.AUTO) {
      burst.restart(
          app,
          resources
              + (stale.size() == 1 ? ", was" : ", were")
              + " read once when the application started: it starts again to read the new"
              + " content");
      return;
    }
    app.console()
        .warn(
            "warning: the running application will not see "
                + resources
                + ": it read "
                + (stale.size() == 1 ? "it" : "them")
                + " once, when it started. Restart it ("
                + app.restartCommand()
                + " + Enter, or touch "
                + ServeEngine.RESTART_FILE
                + ") to use the new content, or run serve with -Dhotpatch.restart=auto.");
  }

  /** Whether more changes come after {@code batch} within {@code wait}. */
  private boolean supersededWithin(FolderWatcher.Batch batch, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!superseded.test(batch)) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private boolean buildFilesChanged(FolderWatcher.Batch batch) {
    return batch.overflow() || batch.files().stream().anyMatch(model::isBuildFile);
  }

  /**
   * Reads the build files again; the builder, the planner and the engine learn what changed. A
   * build file that cannot be read is reported, and the last good reading stays.
   *
   * @return whether anything serve uses changed
   */
  private boolean readBuildFiles(FolderWatcher.Batch batch) {
    Optional<WorkspaceChange> read;
    try {
      read = model.read();
    } catch (BuildFileException e) {
      if (!supersededWithin(batch, SAVE_IN_PROGRESS)) {
        // Told once: the build files are read again when one of them changes. A burst overtaken
        // by newer saves reads them again (a module's pom saved before the root pom naming it).
        reports.buildFileError(e);
        buildFilesStale = false;
      }
      return false;
    }
    buildFilesStale = false;
    if (read.isEmpty()) {
      return false;
    }
    WorkspaceChange change = read.get();
    Workspace application = model.application();
    try {
      builder.workspaceChanged(application, change);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the first build of the modules the build files added", e);
    }
    applications.forEach(RunningApplication::workspaceChanged);
    watch.accept(application);
    if (change.isEmpty()) {
      console.info("read the build files again: nothing serve uses changed");
      return false;
    }
    List<String> what = new ArrayList<>(change.restartReasons());
    // A new module or new dependencies take a restart, which the line names already.
    change
        .compileWhole()
        .forEach(
            (name, reason) -> {
              if (change.restartReasons().isEmpty()) {
                what.add("module " + name + " compiles whole (" + reason + ")");
              }
            });
    change.resourcesChanged().stream()
        .filter(name -> !change.added().contains(name))
        .forEach(name -> what.add("the resources of module " + name + " are copied again"));
    console.info("read the build files again: " + String.join("; ", what));
    return true;
  }

  /**
   * Why the running application's class path is not the one the build files now give, or null when
   * it is.
   */
  private static String classPathChange(RunningApplication app) {
    Workspace launched = app.launchedWith();
    return launched == null
        ? null
        : WorkspaceChange.between(launched, app.modules()).restartReason();
  }

  private static Set<String> names(List<ModuleBuild> built) {
    Set<String> names = new LinkedHashSet<>();
    built.forEach(b -> names.add(b.name()));
    return names;
  }

  private static Set<String> names(Workspace modules) {
    Set<String> names = new LinkedHashSet<>();
    modules.modules().forEach(m -> names.add(m.name()));
    return names;
  }

  /**
   * What one burst changed.
   *
   * @param code the changed code files by module; a null set when any file of it may have changed
   * @param resources the changed resource files, by module
   */
  private record Changes(Map<String, Set<Path>> code, Map<String, Set<Path>> resources) {
    boolean isEmpty() {
      return code.isEmpty() && resources.isEmpty();
    }

    Set<String> modules() {
      Set<String> modules = new LinkedHashSet<>(code.keySet());
      modules.addAll(resources.keySet());
      return modules;
    }
  }

  /**
   * What changed. When the platform dropped events, anything may have: every watched module's code
   * and every resource file (a resource deleted in that gap stays until serve restarts).
   */
  private Changes changes(FolderWatcher.Batch batch) {
    Map<String, Set<Path>> code = new LinkedHashMap<>();
    Map<String, Set<Path>> resources = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>(batch.files());
    Workspace application = model.application();
    if (batch.overflow()) {
      application.modules().stream()
          .filter(module -> !mode.roots(module).isEmpty())
          .forEach(module -> code.put(module.name(), null));
      application.modules().forEach(module -> files.addAll(filesUnder(mode.resourceRoots(module))));
    }
    for (Path file : files) {
      for (WorkspaceModule module : application.modules()) {
        if (mode.isCode(module, file) && !batch.overflow()) {
          code.computeIfAbsent(module.name(), m -> new LinkedHashSet<>()).add(file);
        }
        if (mode.resourceRoots(module).stream().anyMatch(file::startsWith)
            && builder.isResource(module, file)) {
          resources.computeIfAbsent(module.name(), m -> new LinkedHashSet<>()).add(file);
        }
      }
    }
    return new Changes(code, resources);
  }

  private static List<Path> filesUnder(List<Path> roots) {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list the resources in " + root, e);
        }
      }
    }
    return files;
  }

  /** The current builds with {@code built} in place of their modules' current versions. */
  private List<ModuleBuild> view(List<ModuleBuild> built) {
    Map<String, ModuleBuild> view = new LinkedHashMap<>();
    builder.current().forEach(b -> view.put(b.name(), b));
    built.forEach(b -> view.put(b.name(), b));
    return List.copyOf(view.values());
  }

  /**
   * No patch can make this change correct: with {@code restart=auto} the application restarts on
   * the new builds; otherwise it keeps running and the user is told.
   */
  private Verdict restartOrReject(RunningApplication app, Burst burst, String reason) {
    if (restartPolicy == RestartPolicy.NEVER) {
      String rejection =
          "restart required: "
              + reason
              + ". serve does not restart the application itself (-Dhotpatch.restart=never): press"
              + " "
              + app.restartCommand()
              + " + Enter or touch "
              + ServeEngine.RESTART_FILE
              + " to restart it on the new code, or run serve with -Dhotpatch.restart=auto.";
      app.reports().rejected(burst.patchId(), List.of(), rejection);
      return burst.rejected(app, "restart required: " + reason);
    }
    return burst.restart(app, reason);
  }

  private static long millisBetween(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
  }
}
