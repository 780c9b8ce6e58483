package dev.hotpatch.serve.build;

import java.nio.file.Path;
import java.util.List;

/**
 * One version of a module as the application loads it.
 *
 * @param name the module's artifactId
 * @param version 0 for the build serve started with, then one more per patch that reloads it
 * @param classes the folder of its classes and resources
 * @param dependencies its workspace dependencies, nearest first
 */
public record ModuleBuild(String name, int version, Path classes, List<String> dependencies) {
  public ModuleBuild {
    dependencies = List.copyOf(dependencies);
  }

  /** The JSON form of the launch manifest and of patch messages. */
  public java.util.Map<String, Object> toJson() {
    return java.util.Map.of(
        "name", name,
        "version", version,
        "classes", List.of(classes.toString()),
        "dependencies", dependencies);
  }
}
