package dev.hotpatch.serve.channel;

import dev.hotpatch.serve.build.Layer;
import dev.hotpatch.serve.build.ModuleBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What one module's new layer holds for an application that has an older version of the module: the
 * files to send and the names to delete, or, when serve cannot tell what the application has, every
 * file of the new version ({@link #whole}).
 *
 * @param files the files by resource name ({@code lib/Greeter.class}), each the newest of its name
 * @param deleted the names the layer hides in the application's layers
 * @param whole whether the layer is all of the module
 */
record LayerContent(Map<String, Path> files, Set<String> deleted, boolean whole) {
  LayerContent {
    files = Map.copyOf(files);
    deleted = Set.copyOf(deleted);
  }

  /**
   * The layer that brings an application from {@code had} to {@code build}: the layers that {@code
   * build} added on top of {@code had}'s, folded into one; every file when {@code had} is null or
   * not one of {@code build}'s earlier versions.
   */
  static LayerContent between(ModuleBuild had, ModuleBuild build) {
    List<Layer> layers = build.layers();
    int added = layers.size() - (had == null ? 0 : had.layers().size());
    if (had == null || added < 0 || !layers.subList(added, layers.size()).equals(had.layers())) {
      return whole(build);
    }
    Map<String, Path> files = new LinkedHashMap<>();
    Set<String> deleted = new LinkedHashSet<>();
    // Oldest first, so that a newer layer's file or deletion wins over an older one's.
    for (int i = added - 1; i >= 0; i--) {
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
    return new LayerContent(files, deleted, false);
  }

  /**
   * The layer that brings an application that has {@code listed} (file names with the first 64 bits
   * of their SHA-256, as its hello says) to {@code build}: the files whose content differs, and the
   * names {@code build} no longer has.
   */
  static LayerContent against(Map<String, String> listed, ModuleBuild build) {
    Map<String, Path> all = whole(build).files();
    Map<String, Path> files = new LinkedHashMap<>();
    all.forEach(
        (name, file) -> {
          if (!hash(file).equals(listed.get(name))) {
            files.put(name, file);
          }
        });
    Set<String> deleted = new LinkedHashSet<>(listed.keySet());
    deleted.removeAll(all.keySet());
    return new LayerContent(files, deleted, false);
  }

  /** Whether the layer changes nothing of what the application has. */
  boolean isEmpty() {
    return files.isEmpty() && deleted.isEmpty() && !whole;
  }

  /** The first 64 bits of the file's SHA-256, as hex: what a remote application's hello lists. */
  private static String hash(Path file) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /**
   * Every file of {@code build}: a file comes from the newest layer that has it, unless deleted.
   */
  private static LayerContent whole(ModuleBuild build) {
    Map<String, Path> files = new LinkedHashMap<>();
    Set<String> hidden = new LinkedHashSet<>();
    for (Layer layer : build.layers()) {
      filesOf(layer.folder())
          .forEach(
              (name, file) -> {
                if (!hidden.contains(name)) {
                  files.putIfAbsent(name, file);
                }
              });
      hidden.addAll(layer.deleted());
    }
    return new LayerContent(files, Set.of(), true);
  }

  /** The regular files under {@code folder} by resource name. */
  private static Map<String, Path> filesOf(Path folder) {
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
