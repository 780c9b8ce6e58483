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
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Turns one burst of changed files into a patch of the running application: build the changed
 * modules, check facade contracts, plan, send, report. Runs on serve's single patch thread.
 */
final class PatchPipeline {
  private final WorkspaceModel model;
  private final WatchMode mode;
  private final PatchBuilder builder;
  private final PatchPlanner planner;
  private final PatchDelivery delivery;
  private final PatchReports reports;
  private final Console console;
  private final RestartPolicy restartPolicy;
  private final BooleanSupplier crashed;
  private final Predicate<FolderWatcher.Batch> superseded;
  private final Consumer<String> restart;
  private final RunningApplication running;
  private long lastPatchId;

  /** How long a connection lost in a patch may take to show as the application's end. */
  private static final Duration APPLICATION_END = Duration.ofSeconds(2);

  /** A build file changed, and was not read since: the next burst reads the build files. */
  private boolean buildFilesStale;

  /**
   * @param restartPolicy whether a change that only a restart makes correct restarts the
   *     application or is rejected
   * @param crashed whether the application has crashed and waits for a change that builds
   * @param superseded whether more changes came after a batch: its build is dropped for the next
   *     batch, which holds them all, so that a burst of saves is one patch
   * @param restart stops the application so that it starts again on the current builds, for the
   *     reason given
   * @param running the application JVM: when its class path differs from the build files', only a
   *     restart is correct; it hears of every new reading of the build files
   */
  PatchPipeline(
      WorkspaceModel model,
      WatchMode mode,
      PatchBuilder builder,
      PatchPlanner planner,
      PatchDelivery delivery,
      PatchReports reports,
      Console console,
      RestartPolicy restartPolicy,
      BooleanSupplier crashed,
      Predicate<FolderWatcher.Batch> superseded,
      Consumer<String> restart,
      RunningApplication running) {
    this.model = model;
    this.mode = mode;
    this.builder = builder;
    this.planner = planner;
    this.delivery = delivery;
    this.reports = reports;
    this.console = console;
    this.restartPolicy = restartPolicy;
    this.crashed = crashed;
    this.superseded = superseded;
    this.restart = restart;
    this.running = running;
  }

  /**
   * The next number of the one sequence that patches and warm restarts share: the runtime admits
   * only numbers greater than every one it has seen.
   */
  long nextPatchId() {
    return ++lastPatchId;
  }

  /**
   * Turns one burst of changes into a patch, a restart or a report. Nothing that goes wrong here
   * ends the session: the application keeps its last good code, and the next save tries again.
   */
  void patch(FolderWatcher.Batch batch) {
    try {
      buildAndSend(batch);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      console.error(
          "cannot apply the change ("
              + (e.getMessage() == null ? e.toString() : e.getMessage())
              + "); the application keeps running its last good code. Save again to retry;"
              + " if this repeats, restart serve and report it with this line.");
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
    PatchPlanner.Result plan;
    long compiled;
    try {
      built = builder.build(changes.code(), changes.resources());
      compiled = System.nanoTime();
      if (superseded.test(batch)) {
        return;
      }
      String classPath = classPathChange();
      if (classPath != null && !crashed.getAsBoolean()) {
        // A new class path takes a new JVM, whatever the classes say.
        restartOrReject(built, classPath);
        return;
      }
      // Checked before planning: a patch that breaks a facade contract is not worth a diff.
      String violations = FacadeContracts.violations(view(built));
      if (violations != null) {
        reports.rejected(++lastPatchId, List.of(), violations);
        return;
      }
      if (crashed.getAsBoolean()) {
        // Nothing runs to patch: the application starts on the new builds.
        builder.commit(built);
        restart.accept(
            "a change in "
                + String.join(", ", changes.modules().isEmpty() ? built(built) : changes.modules())
                + " compiled");
        return;
      }
      // Body-only changes are redefined in place: the runtime runs as an agent.
      plan =
          planner.plan(
              builder.current(),
              built,
              PatchPlanner.Redefinition.ALLOWED,
              builder.builtResources());
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
      console.error(
          "cannot build the patch of "
              + String.join(", ", changes.modules())
              + " ("
              + e
              + "); the application keeps running its last good code. Save again to retry; if"
              + " this repeats, restart serve and report it with this line.");
      return;
    }
    long planned = System.nanoTime();
    plan.warnings().forEach(w -> console.warn("warning: " + w));
    if (plan.restartReason() != null) {
      restartOrReject(built, plan.restartReason());
      return;
    }
    if (plan.unreachable() != null && restartPolicy == RestartPolicy.AUTO) {
      restartOrReject(built, plan.unreachable());
      return;
    }
    if (plan.steps().isEmpty()) {
      builder.clearChanges();
      if (!changes.isEmpty()) {
        console.info("no class changed in " + String.join(", ", changes.modules()));
      }
      return;
    }
    PatchDelivery.Outcome outcome = delivery.send(++lastPatchId, plan.steps());
    if (outcome.retryAsNewLoader()) {
      console.info(
          "redefining in place failed ("
              + outcome.failure()
              + "); loading the patch with new class loaders instead");
      plan =
          planner.plan(
              builder.current(), built, PatchPlanner.Redefinition.OFF, builder.builtResources());
      if (plan.unreachable() != null && restartPolicy == RestartPolicy.AUTO) {
        restartOrReject(built, plan.unreachable());
        return;
      }
      outcome = delivery.send(++lastPatchId, plan.steps());
    }
    long loaded = System.nanoTime();
    if (outcome.connectionLost()) {
      String end = running.endedWithin(APPLICATION_END);
      if (end != null) {
        // Its builds stay built: the next start, after the next change, runs them.
        reports.ended(
            outcome.patchId(),
            plan.steps(),
            "the application ended before it answered patch "
                + outcome.patchId()
                + " ("
                + end
                + ")");
        return;
      }
    }
    if (outcome.failure() != null) {
      reports.rejected(outcome.patchId(), plan.steps(), outcome.failure());
      return;
    }
    List<ModuleBuild> applied = plan.steps().stream().map(PatchPlanner.Step::build).toList();
    builder.commit(applied);
    reports.applied(
        outcome.patchId(),
        plan.steps(),
        outcome.warnings(),
        new PatchReports.Timings(
            mode.buildStep(),
            millisBetween(batch.firstSeenNanos(), started),
            millisBetween(started, compiled),
            millisBetween(compiled, planned),
            millisBetween(planned, loaded),
            millisBetween(batch.firstSeenNanos(), loaded)));
    if (plan.unreachable() != null) {
      console.warn(
          "warning: "
              + plan.unreachable()
              + ". Restart the application to run it, or use -Dhotpatch.restart=auto.");
    }
    if (!outcome.staleResources().isEmpty()) {
      unseenResources(outcome.staleResources());
    }
  }

  /**
   * Changed resources that the application read once and holds in memory: only a new start reads
   * them. With {@code restart=auto} the application restarts; otherwise the user is told.
   */
  private void unseenResources(List<PatchDelivery.StaleResource> stale) {
    String resources =
        stale.stream()
            .map(PatchDelivery.StaleResource::describe)
            .collect(java.util.stream.Collectors.joining("; "));
    if (restartPolicy == RestartPolicy.AUTO) {
      restart.accept(
          resources
              + (stale.size() == 1 ? ", was" : ", were")
              + " read once when the application started: it starts again to read the new"
              + " content");
      return;
    }
    console.warn(
        "warning: the running application will not see "
            + resources
            + ": it read "
            + (stale.size() == 1 ? "it" : "them")
            + " once, when it started. Restart it (r + Enter, or touch "
            + ServeEngine.RESTART_FILE
            + ") to use the new content, or run serve with -Dhotpatch.restart=auto.");
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
      if (!superseded.test(batch)) {
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
    planner.workspaceChanged(application);
    running.workspaceChanged(application);
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
  private String classPathChange() {
    Workspace launched = running.launchedWith();
    return launched == null
        ? null
        : WorkspaceChange.between(launched, model.application()).restartReason();
  }

  private static Set<String> built(List<ModuleBuild> built) {
    Set<String> names = new LinkedHashSet<>();
    built.forEach(b -> names.add(b.name()));
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
  private void restartOrReject(List<ModuleBuild> built, String reason) {
    if (restartPolicy == RestartPolicy.NEVER) {
      reports.rejected(
          ++lastPatchId,
          List.of(),
          "restart required: "
              + reason
              + ". serve does not restart the application itself (-Dhotpatch.restart=never): press"
              + " r + Enter or touch "
              + ServeEngine.RESTART_FILE
              + " to restart it on the new code, or run serve with -Dhotpatch.restart=auto.");
      return;
    }
    builder.commit(built);
    restart.accept(reason);
  }

  private static long millisBetween(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
  }
}
