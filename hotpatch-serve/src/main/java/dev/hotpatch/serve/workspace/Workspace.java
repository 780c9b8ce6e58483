package dev.hotpatch.serve.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The modules of a reactor in build order: every module comes after the modules it depends on.
 *
 * @param root the reactor's root folder
 * @param modules the modules with code, in build order
 * @param buildFiles the build files that describe the modules (every pom of the reactor, and the
 *     parent poms inside it): serve reads the workspace again when one of them changes
 */
public record Workspace(Path root, List<WorkspaceModule> modules, List<Path> buildFiles) {

  public Workspace {
    modules = List.copyOf(modules);
    buildFiles = List.copyOf(buildFiles);
  }

  /** A workspace whose build files serve does not watch. */
  public Workspace(Path root, List<WorkspaceModule> modules) {
    this(root, modules, List.of());
  }

  public Optional<WorkspaceModule> module(String name) {
    return modules.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /**
   * {@code main} and the modules it depends on, in build order: what the application loads. Also
   * what those modules compile against that is not passed on to {@code main} (a provided-scope
   * module, such as an annotation processor built in the reactor), since patching them needs it.
   */
  public Workspace closureOf(WorkspaceModule main) {
    return closureOf(List.of(main));
  }

  /** What several applications load together: the union of {@link #closureOf} each main. */
  public Workspace closureOf(List<WorkspaceModule> mains) {
    Set<String> wanted = new LinkedHashSet<>();
    mains.forEach(main -> wanted.add(main.name()));
    // Build order is reversed, so every module is seen after the modules that depend on it.
    for (int i = modules.size() - 1; i >= 0; i--) {
      if (wanted.contains(modules.get(i).name())) {
        wanted.addAll(modules.get(i).dependencies());
      }
    }
    List<WorkspaceModule> kept = new ArrayList<>();
    for (WorkspaceModule module : modules) {
      if (wanted.contains(module.name())) {
        kept.add(module);
      }
    }
    return new Workspace(root, kept, buildFiles);
  }

  /**
   * The modules to rebuild when {@code changed} change: those and every module that depends on one
   * of them, in build order.
   */
  public List<WorkspaceModule> withDependents(Set<String> changed) {
    List<WorkspaceModule> result = new ArrayList<>();
    for (WorkspaceModule module : modules) {
      if (changed.contains(module.name())
          || module.dependencies().stream().anyMatch(changed::contains)) {
        result.add(module);
      }
    }
    return result;
  }
}
