package dev.hotpatch.serve.channel;

import dev.hotpatch.serve.build.FoldedLayers;
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
   * build} added on top of {@code had}'s, folded into one. When serve folded the layers above the
   * bottom one since (see {@code LayerCompaction}), the fold of {@code build}'s upper layers, plus
   * what {@code had}'s upper layers held that it does not name: the bottom layer's file, or a
   * deletion. Every file when {@code had} is null or shares no bottom layer with {@code build}.
   */
  static LayerContent between(ModuleBuild had, ModuleBuild build) {
    if (had == null) {
      return whole(build);
    }
    List<Layer> layers = build.layers();
    List<Layer> before = had.layers();
    int added = layers.size() - before.size();
    if (added >= 0 && layers.subList(added, layers.size()).equals(before)) {
      FoldedLayers fold = FoldedLayers.of(layers.subList(0, added));
      return new LayerContent(fold.files(), fold.deleted(), false);
    }
    Layer bottom = layers.get(layers.size() - 1);
    if (!bottom.equals(before.get(before.size() - 1))) {
      return whole(build);
    }
    FoldedLayers upper = FoldedLayers.of(layers.subList(0, layers.size() - 1));
    FoldedLayers older = FoldedLayers.of(before.subList(0, before.size() - 1));
    Map<String, Path> files = new LinkedHashMap<>(upper.files());
    Set<String> deleted = new LinkedHashSet<>(upper.deleted());
    Set<String> namedBefore = new LinkedHashSet<>(older.files().keySet());
    namedBefore.addAll(older.deleted());
    for (String name : namedBefore) {
      if (files.containsKey(name) || deleted.contains(name)) {
        continue;
      }
      Path original = bottom.folder().resolve(name);
      if (Files.isRegularFile(original)) {
        files.put(name, original);
      } else {
        deleted.add(name);
      }
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
    return new LayerContent(FoldedLayers.of(build.layers()).files(), Set.of(), true);
  }
}
