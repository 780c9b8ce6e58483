package dev.hotpatch.serve.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Layers read as one: the newest file of each name, and the names they hide in the layers below
 * them.
 *
 * @param files the files by resource name ({@code lib/Greeter.class})
 * @param deleted the names that a layer deleted and no newer layer wrote again
 */
public record FoldedLayers(Map<String, Path> files, Set<String> deleted) {
  public FoldedLayers {
    files = Map.copyOf(files);
    deleted = Set.copyOf(deleted);
  }

  /**
   * Folds {@code layers}, newest first, as a version reads them: a newer layer's file or deletion
   * wins over an older one's.
   *
   * @throws UncheckedIOException if a layer cannot be listed
   */
  public static FoldedLayers of(List<Layer> layers) {
    Map<String, Path> files = new LinkedHashMap<>();
    Set<String> deleted = new LinkedHashSet<>();
    for (int i = layers.size() - 1; i >= 0; i--) {
      Layer layer = layers.get(i);
      for (String name : layer.deleted()) {
        files.remove(name);
        deleted.add(name);
      }
      filesOf(layer.folder())
          .forEach(
              (name, file) -> {
                files.put(name, file);
                deleted.remove(name);
              });
    }
    return new FoldedLayers(files, deleted);
  }

  /**
   * The regular files under {@code folder} by resource name; none when it does not exist.
   *
   * @throws UncheckedIOException if it cannot be listed
   */
  public static Map<String, Path> filesOf(Path folder) {
    Map<String, Path> files = new LinkedHashMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile)
          .forEach(file -> files.put(folder.relativize(file).toString().replace('\\', '/'), file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the layer " + folder, e);
    }
    return files;
  }
}
