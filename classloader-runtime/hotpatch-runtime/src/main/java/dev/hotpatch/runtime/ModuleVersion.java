package dev.hotpatch.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * One build of one workspace module: what a module class loader is made from.
 *
 * @param name the module's name (its artifactId)
 * @param version the build's number, 0 for the build the application started with
 * @param classes the class folders of this build, searched in order; they are read once and must
 *     not change afterwards
 * @param dependencies the workspace modules this module depends on, direct and transitive, nearest
 *     first; classes are looked up in them in this order
 */
public record ModuleVersion(
    String name, int version, List<Path> classes, List<String> dependencies) {
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
