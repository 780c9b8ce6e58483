package dev.hotpatch.serve.build;

import dev.hotpatch.diff.ModuleSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of a module as the application loads it.
 *
 * @param name the module's artifactId
 * @param version 0 for the build serve started with, then one more per patch that reloads it
 * @param layers the folders of its classes and resources, newest first: each version writes only
 *     what changed into a folder of its own
 * @param dependencies its workspace dependencies, nearest first
 * @param classes the snapshot of its classes
 */
public record ModuleBuild(
    String name,
    int version,
    List<Layer> layers,
    List<String> dependencies,
    ModuleSnapshot classes) {
  public ModuleBuild {
    layers = List.copyOf(layers);
    dependencies = List.copyOf(dependencies);
  }

  /**
   * The same files as the next version: a module that gets a new loader because one it depends on
   * does, with nothing of its own changed.
   */
  public ModuleBuild cascade() {
    return new ModuleBuild(name, version + 1, layers, dependencies, classes);
  }

  /** The same version, whose workspace dependencies the build files now name {@code these}. */
  ModuleBuild withDependencies(List<String> these) {
    return these.equals(dependencies)
        ? this
        : new ModuleBuild(name, version, layers, these, classes);
  }

  /** The next version: {@code layer} over these layers, with {@code classes}. */
  ModuleBuild next(int version, Layer layer, ModuleSnapshot classes) {
    List<Layer> next = new ArrayList<>();
    next.add(layer);
    next.addAll(layers);
    return new ModuleBuild(name, version, next, dependencies, classes);
  }

  /** The folders of its layers, newest first. */
  public List<Path> folders() {
    return layers.stream().map(Layer::folder).toList();
  }

  /**
   * Whether the version has a file of this name ({@code META-INF/services/lib.Shop}): the newest
   * layer that has it or deletes it decides.
   */
  public boolean hasFile(String name) {
    for (Layer layer : layers) {
      if (Files.isRegularFile(layer.folder().resolve(name))) {
        return true;
      }
      if (layer.deleted().contains(name)) {
        return false;
      }
    }
    return false;
  }

  /** The JSON form of the launch manifest and of patch messages. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("version", version);
    json.put("classes", folders().stream().map(Path::toString).toList());
    json.put("deleted", layers.stream().map(l -> l.deleted().stream().sorted().toList()).toList());
    json.put("dependencies", dependencies);
    return json;
  }
}
