package dev.hotpatch.serve.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the stack of a module version's layers short. Every patch of a module adds a layer, and a
 * patch message names every layer of each version it loads: without a bound, a long session would
 * make messages, the launch manifest and the application's index of each version grow with every
 * save. Once a version has more than {@link #MAX_LAYERS}, the layers above its bottom one (the
 * build the application started with) are folded into one new layer. That layer holds only what
 * changed since the start, hard-linked where the file system allows (layers are never written
 * again), else copied.
 */
final class LayerCompaction {
  /** Small enough for short messages, large enough that folding is rare. */
  static final int MAX_LAYERS = 32;

  private LayerCompaction() {}

  /** Whether {@code build} has more layers than {@link #MAX_LAYERS}. */
  static boolean due(ModuleBuild build) {
    return build.layers().size() > MAX_LAYERS;
  }

  /**
   * The same version as {@code build} in two layers: a new one written into {@code folder}, which
   * must not exist yet, over the bottom one.
   *
   * @throws IOException if the new layer cannot be written; {@code folder} may hold part of it
   */
  static ModuleBuild compact(ModuleBuild build, Path folder) throws IOException {
    List<Layer> layers = build.layers();
    Layer bottom = layers.get(layers.size() - 1);
    FoldedLayers upper = FoldedLayers.of(layers.subList(0, layers.size() - 1));
    Files.createDirectories(folder);
    for (Map.Entry<String, Path> file : upper.files().entrySet()) {
      Path target = folder.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      link(file.getValue(), target);
    }
    // Only what the bottom layer has needs hiding.
    Set<String> deleted = new TreeSet<>();
    for (String name : upper.deleted()) {
      if (Files.exists(bottom.folder().resolve(name))) {
        deleted.add(name);
      }
    }
    return new ModuleBuild(
        build.name(),
        build.version(),
        List.of(new Layer(folder, deleted), bottom),
        build.dependencies(),
        build.classes());
  }

  private static void link(Path existing, Path target) throws IOException {
    try {
      Files.createLink(target, existing);
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(existing, target);
    }
  }
}
