package dev.hotpatch.serve.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new reading of the build files changed in the modules of an application, and so what serve
 * must do: a JVM restart when the class path changed, a whole compile of a module whose compiler
 * settings or sources changed, a new copy of the resources of a module whose resource settings
 * changed.
 *
 * @param restartReasons why the application JVM must start again on a new class path: a module
 *     added or removed, or the dependencies of a module changed; each names the module and the
 *     dependency. Empty when the class path stays
 * @param compileWhole the modules to compile whole with their new settings, with the reason of each
 * @param resourcesChanged the modules whose resources must be copied again
 * @param added the modules the application did not have before
 */
public record WorkspaceChange(
    List<String> restartReasons,
    Map<String, String> compileWhole,
    Set<String> resourcesChanged,
    Set<String> added) {

  public WorkspaceChange {
    restartReasons = List.copyOf(restartReasons);
    compileWhole = Collections.unmodifiableMap(new LinkedHashMap<>(compileWhole));
    resourcesChanged = Collections.unmodifiableSet(new LinkedHashSet<>(resourcesChanged));
    added = Collections.unmodifiableSet(new LinkedHashSet<>(added));
  }

  /** Whether anything serve uses changed. */
  public boolean isEmpty() {
    return restartReasons.isEmpty() && compileWhole.isEmpty() && resourcesChanged.isEmpty();
  }

  /** The restart reasons in one sentence, or null when the class path stays. */
  public String restartReason() {
    return restartReasons.isEmpty() ? null : String.join("; ", restartReasons);
  }

  /**
   * What changed from {@code before} to {@code after}, two readings of an application's modules.
   */
  public static WorkspaceChange between(Workspace before, Workspace after) {
    List<String> restart = new ArrayList<>();
    Map<String, String> whole = new LinkedHashMap<>();
    Set<String> resources = new LinkedHashSet<>();
    Set<String> added = new LinkedHashSet<>();
    // The jars each module gained or lost: a module that gets them only through a workspace
    // module it depends on is not named for them again.
    Map<String, Set<Path>> changedJars = new LinkedHashMap<>();
    for (WorkspaceModule module : after.modules()) {
      WorkspaceModule old = before.module(module.name()).orElse(null);
      if (old == null) {
        restart.add("module " + module.name() + " was added");
        whole.put(module.name(), "it is new");
        resources.add(module.name());
        added.add(module.name());
        continue;
      }
      Set<Path> jars = changedJars(old, module);
      changedJars.put(module.name(), jars);
      Set<Path> inherited = new LinkedHashSet<>();
      module.dependencies().forEach(d -> inherited.addAll(changedJars.getOrDefault(d, Set.of())));
      String dependencies = dependencyChange(old, module, inherited);
      if (dependencies != null) {
        restart.add("the dependencies of module " + module.name() + " changed: " + dependencies);
      }
      if (dependencies != null || !jars.isEmpty()) {
        whole.put(module.name(), "its dependencies changed");
      } else if (!old.compiler().equals(module.compiler())) {
        whole.put(module.name(), "its compiler settings changed");
      } else if (!old.sourceRoots().equals(module.sourceRoots())) {
        whole.put(module.name(), "its source folders changed");
      }
      if (!old.resources().equals(module.resources())) {
        resources.add(module.name());
      }
    }
    for (WorkspaceModule module : before.modules()) {
      if (after.module(module.name()).isEmpty()) {
        restart.add("module " + module.name() + " was removed");
      }
    }
    return new WorkspaceChange(restart, whole, resources, added);
  }

  /**
   * How the dependencies of a module changed ({@code added commons-lang3 3.14.0}, {@code
   * commons-text 1.10.0 -> 1.11.0}, {@code removed module util}), or null when they did not.
   */
  /** The jars a module gained or lost. */
  private static Set<Path> changedJars(WorkspaceModule before, WorkspaceModule after) {
    Set<Path> changed = new LinkedHashSet<>(jars(before));
    Set<Path> now = jars(after);
    changed.removeIf(now::contains);
    for (Path jar : now) {
      if (!jars(before).contains(jar)) {
        changed.add(jar);
      }
    }
    return changed;
  }

  /**
   * @param inherited jars whose change a workspace module the module depends on is named for
   */
  static String dependencyChange(
      WorkspaceModule before, WorkspaceModule after, Set<Path> inherited) {
    List<String> changes = new ArrayList<>();
    Set<String> modulesBefore = new LinkedHashSet<>(before.dependencies());
    Set<String> modulesAfter = new LinkedHashSet<>(after.dependencies());
    for (String module : modulesAfter) {
      if (!modulesBefore.contains(module)) {
        changes.add("added module " + module);
      }
    }
    for (String module : modulesBefore) {
      if (!modulesAfter.contains(module)) {
        changes.add("removed module " + module);
      }
    }
    Set<Path> jarsBefore = jars(before);
    Set<Path> jarsAfter = jars(after);
    jarsBefore.removeAll(inherited);
    jarsAfter.removeAll(inherited);
    Map<String, Path> removed = new LinkedHashMap<>();
    for (Path jar : jarsBefore) {
      if (!jarsAfter.contains(jar)) {
        removed.put(Library.of(jar).artifact(), jar);
      }
    }
    for (Path jar : jarsAfter) {
      if (jarsBefore.contains(jar)) {
        continue;
      }
      Library library = Library.of(jar);
      Path old = removed.remove(library.artifact());
      changes.add(
          old == null
              ? "added " + library
              : library.artifact() + " " + Library.of(old).version() + " -> " + library.version());
    }
    removed.values().forEach(jar -> changes.add("removed " + Library.of(jar)));
    if (changes.isEmpty()
        && inherited.isEmpty()
        && !(before.compileClasspath().equals(after.compileClasspath())
            && before.runtimeClasspath().equals(after.runtimeClasspath()))) {
      // The same jars, in another order or scope: what a class resolves to may differ.
      changes.add("the order or scope of its jars changed");
    }
    return changes.isEmpty() ? null : String.join(", ", changes);
  }

  private static Set<Path> jars(WorkspaceModule module) {
    Set<Path> jars = new LinkedHashSet<>(module.compileClasspath());
    jars.addAll(module.runtimeClasspath());
    return jars;
  }

  /**
   * A third-party jar named the way a Maven repository lays it out ({@code
   * .../commons-lang3/3.14.0/commons-lang3-3.14.0.jar}): artifact and version from its folders;
   * elsewhere, its file name.
   */
  private record Library(String artifact, String version) {
    static Library of(Path jar) {
      Path versionFolder = jar.getParent();
      Path artifactFolder = versionFolder == null ? null : versionFolder.getParent();
      String file = String.valueOf(jar.getFileName());
      if (artifactFolder != null
          && file.startsWith(
              artifactFolder.getFileName() + "-" + versionFolder.getFileName().toString())) {
        return new Library(
            artifactFolder.getFileName().toString(), versionFolder.getFileName().toString());
      }
      return new Library(file, null);
    }

    @Override
    public String toString() {
      return version == null ? artifact : artifact + " " + version;
    }
  }
}
