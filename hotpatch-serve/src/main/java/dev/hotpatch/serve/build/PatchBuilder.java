package dev.hotpatch.serve.build;

import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.compile.UpstreamBuild;
import dev.hotpatch.serve.resources.ResourceProcessor;
import dev.hotpatch.serve.workspace.ResourceRoot;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceChange;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Builds the next versions of changed modules and of the modules that depend on them, each into a
 * layer of its own that holds only what changed, and keeps track of which version of each module
 * the application runs.
 *
 * <p>Not thread-safe: it runs on serve's patch thread. Other threads read {@link #current()}, a
 * list published whole after each change.
 */
public final class PatchBuilder {
  /**
   * Sources compiled per module in each pass of the warm-up; the first pass only reads what each
   * module's first build needs, so that a change that reaches many modules finds them all read.
   */
  private static final int[] WARM_UP_FILES = {0, 1, 4, 4};

  /**
   * Sources the warm-up compiles in all, at least: the JIT compiles javac's code only after many
   * runs, and the passes over a workspace of few modules make few. The rest go to the largest
   * module, {@link #WARM_UP_EXTRA_FILES} a step.
   */
  private static final int WARM_UP_TOTAL_FILES = 300;

  /** Small, as a save waits for the step under way: four sources take 30 to 100 ms here. */
  private static final int WARM_UP_EXTRA_FILES = 4;

  /**
   * Sources of the first module that {@link #primeCompiler} compiles: enough for javac's reading of
   * class files and its attribution of real code to run before the first patch does.
   */
  private static final int PRIME_FILES = 8;

  /** Replaced on the patch thread when the build files change; the warm-up reads it too. */
  private volatile Workspace workspace;

  private final VersionSource versions;
  private final SessionFolder session;
  private final SnapshotStore snapshots;
  private final ResourceProcessor resources;
  private final Map<String, ModuleBuild> current = new LinkedHashMap<>();
  private final AtomicReference<List<ModuleBuild>> published = new AtomicReference<>(List.of());

  /**
   * The last version built of each module, applied or not: the compiler's next build starts from
   * it, so a version that was built but not applied stays a layer of the next one.
   */
  private final Map<String, ModuleBuild> latest = new HashMap<>();

  /** Modules whose code changed since the application last accepted a patch, with the files. */
  private final Map<String, Set<Path>> pending = new LinkedHashMap<>();

  /** Whether some change of {@link #pending} is not known file by file (the watcher overflowed). */
  private boolean pendingUnknown;

  /** Modules of {@link #pending} whose next version is built whole: their build files changed. */
  private final Set<String> pendingWhole = new LinkedHashSet<>();

  /**
   * Resource files changed since the last accepted patch, by module; kept like {@link #pending}.
   */
  private final Map<String, Set<Path>> pendingResources = new LinkedHashMap<>();

  /** The resource names that the last {@link #build} changed, by module. */
  private Map<String, Set<String>> builtResources = Map.of();

  private int builds;

  public PatchBuilder(
      Workspace workspace, VersionSource versions, SessionFolder session, SnapshotStore snapshots)
      throws IOException {
    this(workspace, versions, session, snapshots, ResourceProcessor.standalone());
  }

  /**
   * @param resources how changed resources are processed into a version's layer
   */
  public PatchBuilder(
      Workspace workspace,
      VersionSource versions,
      SessionFolder session,
      SnapshotStore snapshots,
      ResourceProcessor resources)
      throws IOException {
    this.resources = resources;
    this.workspace = workspace;
    this.versions = versions;
    this.session = session;
    this.snapshots = snapshots;
    for (WorkspaceModule module : workspace.modules()) {
      ModuleBuild first =
          versions.first(module, session.root().resolve(module.name()).resolve("b0"), snapshots);
      current.put(module.name(), first);
      latest.put(module.name(), first);
      snapshots.commit(module.name(), first.classes());
    }
    publish();
  }

  /**
   * The version of every module that the application runs, in build order. Safe to call from any
   * thread.
   */
  public List<ModuleBuild> current() {
    return published.get();
  }

  public ModuleBuild current(String module) {
    return current.get(module);
  }

  /**
   * Builds the modules whose code changed (the files named, or every file of the module when the
   * set is null), the modules changed earlier whose patch did not go through, and their dependents,
   * against each other's new versions; a module whose resources alone changed gets a layer with
   * those resources processed again, compiling nothing. Nothing becomes current until {@link
   * #commit}. Every build gets a folder named by a counter that never repeats, so a folder the
   * application may have read is never written again.
   *
   * @param code the changed code files by module; a null set means unknown
   * @param resources changed (or deleted) resource files, by module
   */
  public List<ModuleBuild> build(Map<String, Set<Path>> code, Map<String, Set<Path>> resources)
      throws CompilationFailedException {
    code.forEach(
        (module, files) -> {
          if (files == null) {
            pendingUnknown = true;
          }
          Set<Path> known = pending.computeIfAbsent(module, m -> new LinkedHashSet<>());
          if (files != null) {
            known.addAll(files);
          }
        });
    resources.forEach(
        (module, files) ->
            pendingResources.computeIfAbsent(module, m -> new LinkedHashSet<>()).addAll(files));
    Set<String> compiled = new LinkedHashSet<>();
    if (!pending.isEmpty()) {
      workspace.withDependents(pending.keySet()).forEach(m -> compiled.add(m.name()));
    }
    List<ModuleBuild> built = new ArrayList<>();
    Map<String, Set<String>> resourceNames = new LinkedHashMap<>();
    Map<String, ModuleBuild> view = new HashMap<>(latest);
    for (WorkspaceModule module : workspace.modules()) {
      String name = module.name();
      Set<Path> resourceFiles = pendingResources.getOrDefault(name, Set.of());
      ModuleBuild previous = latest.get(name);
      if (!compiled.contains(name) && resourceFiles.isEmpty()) {
        if (previous != current.get(name)) {
          built.add(previous); // built before, never applied
        }
        continue;
      }
      Path folder = session.root().resolve(name).resolve("b" + (++builds));
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new SessionWriteException(name, folder, e);
      }
      VersionSource.Classes classes;
      Set<String> deleted = new TreeSet<>();
      try {
        classes = buildClasses(module, compiled.contains(name), view, previous, folder);
        if (classes != null) {
          deleted.addAll(classes.deleted());
        }
        if (!resourceFiles.isEmpty()) {
          resourceNames.put(
              name, processResources(module, resourceFiles, previous, folder, deleted));
        }
      } catch (UncheckedIOException e) {
        // Nothing reads the folder: it goes, and the changes stay pending for the next save.
        deleteQuietly(folder);
        throw new SessionWriteException(name, folder, e.getCause());
      } catch (CompilationFailedException | RuntimeException e) {
        deleteQuietly(folder);
        throw e;
      }
      if (classes == null && !resourceNames.containsKey(name)) {
        deleteQuietly(folder);
        if (previous != current.get(name)) {
          built.add(previous);
        }
        continue;
      }
      ModuleBuild build =
          compacted(
              previous.next(
                  current.get(name).version() + 1,
                  new Layer(folder, deleted),
                  classes == null ? previous.classes() : classes.classes()));
      built.add(build);
      latest.put(name, build);
      view.put(name, build);
    }
    builtResources = Map.copyOf(resourceNames);
    return built;
  }

  /** The classes of the next version of {@code module}, or null when none changed. */
  private VersionSource.Classes buildClasses(
      WorkspaceModule module,
      boolean compile,
      Map<String, ModuleBuild> view,
      ModuleBuild previous,
      Path folder)
      throws CompilationFailedException {
    if (!compile) {
      return null;
    }
    List<UpstreamBuild> upstream = new ArrayList<>();
    for (String dependency : module.dependencies()) {
      ModuleBuild build = view.get(dependency);
      upstream.add(new UpstreamBuild(dependency, build.classes(), build.folders()));
    }
    return versions.next(
        module,
        upstream,
        previous,
        folder,
        pendingUnknown || pendingWhole.contains(module.name())
            ? null
            : pending.getOrDefault(module.name(), Set.of()));
  }

  /**
   * {@code build}, its layers folded into two when it has too many (see {@link LayerCompaction}).
   * Only the size of what travels is at stake: when the fold cannot be written, the stack stays.
   */
  private ModuleBuild compacted(ModuleBuild build) {
    if (!LayerCompaction.due(build)) {
      return build;
    }
    Path folder = session.root().resolve(build.name()).resolve("c" + builds);
    try {
      return LayerCompaction.compact(build, folder);
    } catch (IOException | UncheckedIOException e) {
      deleteQuietly(folder);
      return build;
    }
  }

  private static void deleteQuietly(Path folder) {
    try {
      SessionFolder.deleteRecursively(folder);
    } catch (IOException e) {
      // A folder nothing reads: it stays until serve starts again.
    }
  }

  /** Whether {@code file} (changed or deleted) is a resource of {@code module}. */
  public boolean isResource(WorkspaceModule module, Path file) {
    return resources.target(module, file).isPresent();
  }

  /** The resource names that the last {@link #build} changed, by module. */
  public Map<String, Set<String>> builtResources() {
    return builtResources;
  }

  /**
   * Processes changed resources into {@code folder}; a deleted one (or every resource of a deleted
   * folder) goes into {@code deleted}.
   */
  private Set<String> processResources(
      WorkspaceModule module,
      Set<Path> files,
      ModuleBuild previous,
      Path folder,
      Set<String> deleted) {
    Set<String> names = new TreeSet<>();
    for (Path file : files) {
      try {
        Files.createDirectories(folder);
        Optional<String> name = resources.apply(module, file, folder);
        if (name.isPresent()) {
          names.add(name.get());
          if (!Files.exists(file)) {
            deleted.addAll(resourcesUnder(previous, name.get()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot copy the resource " + file + " of module " + module.name(), e);
      }
    }
    return names;
  }

  /** The resource files named {@code name}, or under a folder of that name, in a version. */
  private static Set<String> resourcesUnder(ModuleBuild build, String name) throws IOException {
    Set<String> found = new TreeSet<>();
    if (build.hasFile(name)) {
      found.add(name);
    }
    for (Layer layer : build.layers()) {
      Path folder = layer.folder().resolve(name);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(Files::isRegularFile)
            .map(p -> layer.folder().relativize(p).toString().replace('\\', '/'))
            .filter(n -> !n.endsWith(".class") && build.hasFile(n))
            .forEach(found::add);
      }
    }
    return found;
  }

  /**
   * Runs javac as early as possible, while the application starts: once on a one-class source of
   * its own, then on {@link #PRIME_FILES} sources of the first module that has any (the bottom of
   * the reactor, which the others compile against) through the path a patch takes. A JVM's first
   * javac runs cost a second or more; the first of a real module's, with its class path read, a few
   * hundred milliseconds more. Only speed is at stake; safe beside a patch.
   */
  public void primeCompiler() {
    workspace.modules().stream()
        .filter(module -> !module.sourceRoots().isEmpty())
        .findFirst()
        .ifPresent(
            module -> {
              versions.prime(module, session.root().resolve("javac-primer"));
              warmUp(module, PRIME_FILES, () -> false);
            });
  }

  /**
   * Gets the first patch of every module ready while the application starts: its classes read, its
   * compiler loaded and compiled by the JIT; as small steps (one module each), to run in order,
   * each of which stops early for a patch. Only speed is at stake.
   */
  public List<WarmUpStep> warmUpSteps() {
    // First every module's view, then its file manager with little javac; then javac until the
    // JIT has compiled it.
    List<WarmUpStep> steps = new ArrayList<>();
    List<WorkspaceModule> modules = workspace.modules();
    int compiled = 0;
    for (int files : WARM_UP_FILES) {
      for (WorkspaceModule module : modules) {
        steps.add(patchWaits -> warmUp(module, files, patchWaits));
        compiled += files;
      }
    }
    Map<String, Integer> classes = new HashMap<>();
    current().forEach(build -> classes.put(build.name(), build.classes().size()));
    WorkspaceModule largest = null;
    for (WorkspaceModule module : modules) {
      if (largest == null
          || classes.getOrDefault(module.name(), 0) > classes.getOrDefault(largest.name(), 0)) {
        largest = module;
      }
    }
    for (; largest != null && compiled < WARM_UP_TOTAL_FILES; compiled += WARM_UP_EXTRA_FILES) {
      WorkspaceModule module = largest;
      steps.add(patchWaits -> warmUp(module, WARM_UP_EXTRA_FILES, patchWaits));
    }
    return steps;
  }

  private boolean warmUp(WorkspaceModule module, int files, BooleanSupplier patchWaits) {
    Map<String, ModuleBuild> running = new HashMap<>();
    current().forEach(build -> running.put(build.name(), build));
    List<UpstreamBuild> upstream = new ArrayList<>();
    for (String dependency : module.dependencies()) {
      ModuleBuild build = running.get(dependency);
      if (build == null) {
        return true; // the build files changed meanwhile: the next patch reads it all
      }
      upstream.add(new UpstreamBuild(dependency, build.classes(), build.folders()));
    }
    return versions.warmUp(
        module, upstream, session.root().resolve("warm-up-" + module.name()), files, patchWaits);
  }

  /** The application runs {@code builds} now. */
  public void commit(List<ModuleBuild> builds) {
    for (ModuleBuild build : builds) {
      current.put(build.name(), build);
      snapshots.commit(build.name(), build.classes());
      // Either the version last built, or one reloaded with the files of the current one.
      latest.put(build.name(), build);
    }
    publish();
    clearChanges();
  }

  /**
   * A burst failed before {@link #build} saw its files: the next build of every module looks at all
   * its sources instead of only the files named since.
   */
  public void changesLost() {
    versions.changesLost();
  }

  /** Forgets the pending changes without a new version: their builds changed no class. */
  public void clearChanges() {
    pending.clear();
    pendingUnknown = false;
    pendingWhole.clear();
    pendingResources.clear();
  }

  /**
   * The build files now describe the modules as {@code next}: the modules it adds get a first
   * version (Maven's build, if there is one) and are built whole, those it removes are forgotten,
   * those {@code change} names are built whole or have their resources copied again at the next
   * {@link #build}, and every version names its module's workspace dependencies as they are now.
   */
  public void workspaceChanged(Workspace next, WorkspaceChange change) throws IOException {
    Map<String, ModuleBuild> running = new LinkedHashMap<>();
    Map<String, ModuleBuild> built = new HashMap<>();
    for (WorkspaceModule module : next.modules()) {
      String name = module.name();
      ModuleBuild known = current.get(name);
      if (known == null) {
        known = versions.first(module, session.root().resolve(name).resolve("b0"), snapshots);
        snapshots.commit(name, known.classes());
        latest.put(name, known);
      }
      ModuleBuild newest = latest.get(name);
      ModuleBuild now = known.withDependencies(module.dependencies());
      running.put(name, now);
      built.put(name, newest == known ? now : newest.withDependencies(module.dependencies()));
    }
    current.clear();
    current.putAll(running);
    latest.clear();
    latest.putAll(built);
    pending.keySet().retainAll(running.keySet());
    pendingResources.keySet().retainAll(running.keySet());
    pendingWhole.retainAll(running.keySet());
    workspace = next;
    change
        .compileWhole()
        .forEach(
            (name, reason) ->
                next.module(name)
                    .ifPresent(
                        module -> {
                          versions.rebuildWhole(module, reason);
                          pending.computeIfAbsent(name, m -> new LinkedHashSet<>());
                          pendingWhole.add(name);
                        }));
    for (String name : change.resourcesChanged()) {
      WorkspaceModule module = next.module(name).orElse(null);
      if (module != null) {
        pendingResources
            .computeIfAbsent(name, m -> new LinkedHashSet<>())
            .addAll(resourceFiles(module));
      }
    }
    publish();
  }

  /** Every file of the module's resource folders. */
  private static Set<Path> resourceFiles(WorkspaceModule module) throws IOException {
    Set<Path> files = new LinkedHashSet<>();
    for (ResourceRoot root : module.watchedResources()) {
      if (Files.isDirectory(root.directory())) {
        try (Stream<Path> walk = Files.walk(root.directory())) {
          walk.filter(Files::isRegularFile).forEach(files::add);
        }
      }
    }
    return files;
  }

  /** The modules whose sources changed since the last accepted patch. */
  public Set<String> changedModules() {
    return Set.copyOf(pending.keySet());
  }

  private void publish() {
    published.set(List.copyOf(current.values()));
  }
}
