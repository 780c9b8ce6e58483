package dev.hotpatch.maven.serve;

import dev.hotpatch.maven.compile.CompilationFailedException;
import dev.hotpatch.maven.workspace.Workspace;
import dev.hotpatch.maven.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the next versions of changed modules and of every module that depends on them, each into a
 * folder of its own, and keeps track of which version of each module the application runs.
 */
final class PatchBuilder {
  private final Workspace workspace;
  private final VersionSource versions;
  private final SessionFolder session;
  private final Map<String, ModuleBuild> current = new LinkedHashMap<>();

  /** Modules changed since the application last accepted a patch: a failed build keeps them. */
  private final Set<String> pending = new LinkedHashSet<>();

  private int builds;

  PatchBuilder(Workspace workspace, VersionSource versions, SessionFolder session)
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
  List<ModuleBuild> current() {
    return List.copyOf(current.values());
  }

  ModuleBuild current(String module) {
    return current.get(module);
  }

  /**
   * Builds {@code changed}, the modules changed earlier whose patch did not go through, and their
   * dependents, against each other's new versions. Nothing becomes current until {@link #commit}.
   * Every build gets a folder named by a counter that never repeats, so a folder the application
   * may have read is never written again.
   */
  List<ModuleBuild> build(Set<String> changed) throws CompilationFailedException {
    pending.addAll(changed);
    List<ModuleBuild> built = new ArrayList<>();
    Map<String, ModuleBuild> view = new HashMap<>(current);
    for (WorkspaceModule module : workspace.withDependents(pending)) {
      Path classes = session.root().resolve(module.name()).resolve("b" + (++builds));
      List<Path> classpath = new ArrayList<>();
      for (String dependency : module.dependencies()) {
        classpath.add(view.get(dependency).classes());
      }
      classpath.addAll(module.compileClasspath());
      versions.next(module, classpath, classes);
      ModuleBuild build =
          new ModuleBuild(
              module.name(),
              current.get(module.name()).version() + 1,
              classes,
              module.dependencies());
      built.add(build);
      view.put(module.name(), build);
    }
    return built;
  }

  /** Gets the version source ready for the first patch; only speed is at stake. */
  void warmUp() {
    versions.warmUp(workspace.modules(), session.root().resolve("warm-up"));
  }

  /** The application runs {@code builds} now. */
  void commit(List<ModuleBuild> builds) {
    builds.forEach(build -> current.put(build.name(), build));
    pending.clear();
  }

  /** Forgets the pending changes without a new version: their builds changed no class. */
  void clearChanges() {
    pending.clear();
  }

  /** The modules whose sources changed since the last accepted patch. */
  Set<String> changedModules() {
    return Set.copyOf(pending);
  }
}
