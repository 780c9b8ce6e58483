package dev.hotpatch.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One build of one workspace module: what a module class loader is made from.
 *
 * @param name the module's name (its artifactId)
 * @param version the build's number, 0 for the build the application started with
 * @param classes the class folders of this build, newest layer first: the build the application
 *     started with comes last, and each patch adds a folder that holds only what it changed. They
 *     are read once and must not change afterwards
 * @param deleted for each folder of {@code classes}, the resource names ({@code lib/Old.class})
 *     that it hides in the folders after it: what its patch deleted
 * @param dependencies the workspace modules this module depends on, direct and transitive, nearest
 *     first; classes are looked up in them in this order
 */
public record ModuleVersion(
    String name,
    int version,
    List<Path> classes,
    List<Set<String>> deleted,
    List<String> dependencies) {

  /** A build whose folders hide nothing. */
  public ModuleVersion(String name, int version, List<Path> classes, List<String> dependencies) {
    this(name, version, classes, List.of(), dependencies);
  }

  public ModuleVersion {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A module needs a name.");
    }
    if (version < 0) {
      throw new IllegalArgumentException(
          "Module " + name + " has version " + version + "; versions start at 0.");
    }
    classes = List.copyOf(classes);
    if (deleted.size() > classes.size()) {
      throw new IllegalArgumentException(
          "Module " + name + " names deletions for more folders than it has.");
    }
    List<Set<String>> hidden = new ArrayList<>();
    for (int i = 0; i < classes.size(); i++) {
      hidden.add(i < deleted.size() ? Set.copyOf(deleted.get(i)) : Set.of());
    }
    deleted = List.copyOf(hidden);
    dependencies = List.copyOf(dependencies);
    if (dependencies.contains(name)) {
      throw new IllegalArgumentException("Module " + name + " lists itself as a dependency.");
    }
  }

  /** The module and version as users read them: {@code core@v2}. */
  public String label() {
    return name + "@v" + version;
  }
}
