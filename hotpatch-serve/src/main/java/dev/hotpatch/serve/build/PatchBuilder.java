package dev.hotpatch.serve.build;

import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.resources.ResourceFiles;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the next versions of changed modules and of every module that depends on them, each into a
 * folder of its own, and keeps track of which version of each module the application runs.
 */
public final class PatchBuilder {
  private final Workspace workspace;
  private final VersionSource versions;
  private final SessionFolder session;
  private final Map<String, ModuleBuild> current = new LinkedHashMap<>();

  /** Modules changed since the application last accepted a patch: a failed build keeps them. */
  private final Set<String> pending = new LinkedHashSet<>();

  /**
   * Resource files changed since the last accepted patch, by module; kept like {@link #pending}.
   */
  private final Map<String, Set<Path>> pendingResources = new LinkedHashMap<>();

  /** The resource names that the last {@link #build} changed, by module. */
  private Map<String, Set<String>> builtResources = Map.of();

  private int builds;

  public PatchBuilder(Workspace workspace, VersionSource versions, SessionFolder session)
      throws IOException {
    this.workspace = workspace;
    this.versions = versions;
    this.session = session;
    for (WorkspaceModule module : workspace.modules()) {
      Path first = versions.first(module, session.root().resolve(module.name()).resolve("b0"));
      current.put(module.name(), new ModuleBuild(module.name(), 0, first, module.dependencies()));
    }
  }

  /** The version of every module that the application runs, in build order. */
  public List<ModuleBuild> current() {
    return List.copyOf(current.values());
  }

  public ModuleBuild current(String module) {
    return current.get(module);
  }

  /** Builds modules whose code changed; see {@link #build(Set, Map)}. */
  public List<ModuleBuild> build(Set<String> changed) throws CompilationFailedException {
    return build(changed, Map.of());
  }

  /**
   * Builds {@code changed}, the modules changed earlier whose patch did not go through, and their
   * dependents, against each other's new versions; a module whose resources alone changed is a copy
   * of its current version with those resources processed again, compiling nothing. Nothing becomes
   * current until {@link #commit}. Every build gets a folder named by a counter that never repeats,
   * so a folder the application may have read is never written again.
   *
   * @param resources changed (or deleted) resource files, by module
   */
  public List<ModuleBuild> build(Set<String> changed, Map<String, Set<Path>> resources)
      throws CompilationFailedException {
    pending.addAll(changed);
    resources.forEach(
        (module, files) ->
            pendingResources.computeIfAbsent(module, m -> new LinkedHashSet<>()).addAll(files));
    Set<String> compiled = new HashSet<>();
    if (!pending.isEmpty()) {
      workspace.withDependents(pending).forEach(m -> compiled.add(m.name()));
    }
    List<ModuleBuild> built = new ArrayList<>();
    Map<String, Set<String>> resourceNames = new LinkedHashMap<>();
    Map<String, ModuleBuild> view = new HashMap<>(current);
    for (WorkspaceModule module : workspace.modules()) {
      boolean compile = compiled.contains(module.name());
      Set<Path> resourceFiles = pendingResources.getOrDefault(module.name(), Set.of());
      if (!compile && resourceFiles.isEmpty()) {
        continue;
      }
      Path previous = current.get(module.name()).classes();
      Path classes = session.root().resolve(module.name()).resolve("b" + (++builds));
      if (compile) {
        List<Path> classpath = new ArrayList<>();
        for (String dependency : module.dependencies()) {
          classpath.add(view.get(dependency).classes());
        }
        classpath.addAll(module.compileClasspath());
        versions.next(module, classpath, previous, classes);
      } else {
        copy(previous, classes);
      }
      if (!resourceFiles.isEmpty()) {
        resourceNames.put(module.name(), processResources(module, resourceFiles, classes));
      }
      ModuleBuild build =
          new ModuleBuild(
              module.name(),
              current.get(module.name()).version() + 1,
              classes,
              module.dependencies());
      built.add(build);
      view.put(module.name(), build);
    }
    builtResources = Map.copyOf(resourceNames);
    return built;
  }

  /** The resource names that the last {@link #build} changed, by module. */
  public Map<String, Set<String>> builtResources() {
    return builtResources;
  }

  private static void copy(Path from, Path to) {
    try {
      Folders.copyMissing(from, to, file -> true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the classes of " + from + " to " + to, e);
    }
  }

  private static Set<String> processResources(
      WorkspaceModule module, Set<Path> files, Path classes) {
    ResourceFiles resources = new ResourceFiles(module.resources());
    Set<String> names = new TreeSet<>();
    for (Path file : files) {
      try {
        resources.apply(file, classes).ifPresent(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot copy the resource " + file + " of module " + module.name(), e);
      }
    }
    return names;
  }

  /** Gets the version source ready for the first patch; only speed is at stake. */
  public void warmUp() {
    versions.warmUp(workspace.modules(), session.root().resolve("warm-up"));
  }

  /** The application runs {@code builds} now. */
  public void commit(List<ModuleBuild> builds) {
    builds.forEach(build -> current.put(build.name(), build));
    clearChanges();
  }

  /** Forgets the pending changes without a new version: their builds changed no class. */
  public void clearChanges() {
    pending.clear();
    pendingResources.clear();
  }

  /** The modules whose sources changed since the last accepted patch. */
  Set<String> changedModules() {
    return Set.copyOf(pending);
  }
}
