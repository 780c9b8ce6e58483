package dev.hotpatch.runtime.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every file and folder of one module version, by resource name. A version is a stack of layers:
 * the folder of the build the application started with, then one folder per patch that holds only
 * what the patch changed and names what it deleted.
 *
 * <p>Built once per version, and for the next version from this one: only the new layers are read,
 * so an index costs in proportion to what changed, not to the module. A layer never changes once
 * written, and an index makes "is this class mine?" a map lookup instead of a file-system probe.
 */
public final class ClassFolderIndex {
  /**
   * One file or folder: where it is, and which layer holds it.
   *
   * @param layer the layer's number, counted from the oldest (0)
   */
  public record Entry(Path path, int layer) {}

  /** The layers, oldest first. */
  private final List<Path> layers;

  /** Each name's files or folders, newest layer first. */
  private final Map<String, List<Entry>> entries;

  /**
   * The entries of the oldest layer alone: serve folds the layers above it into one now and then,
   * and the next index then starts from here instead of reading the whole module again.
   */
  private final Map<String, List<Entry>> bottom;

  private ClassFolderIndex(
      List<Path> layers, Map<String, List<Entry>> entries, Map<String, List<Entry>> bottom) {
    this.layers = layers;
    this.entries = entries;
    this.bottom = bottom;
  }

  /** Indexes folders that hide nothing; see {@link #of(List, List)}. */
  public static ClassFolderIndex of(List<Path> folders) {
    return of(folders, List.of());
  }

  /**
   * Indexes the layers of a version; a folder that does not exist counts as empty, as on a class
   * path.
   *
   * @param folders the layers, newest first
   * @param deleted for each layer, the names it hides in the layers below it; missing ones hide
   *     nothing
   */
  public static ClassFolderIndex of(List<Path> folders, List<Set<String>> deleted) {
    return new ClassFolderIndex(List.of(), Map.of(), Map.of()).next(folders, deleted);
  }

  /**
   * The index of a version whose layers are these plus newer ones: only the new layers are read.
   * When {@code folders} does not end with this index's layers but with its oldest one, the layers
   * above that one are read; else everything is read again.
   *
   * @param folders the layers of the version, newest first
   * @param deleted for each layer, the names it hides in the layers below it
   */
  public ClassFolderIndex next(List<Path> folders, List<Set<String>> deleted) {
    List<Path> wanted = new ArrayList<>();
    for (int i = folders.size() - 1; i >= 0; i--) {
      wanted.add(folders.get(i).toAbsolutePath().normalize());
    }
    boolean extends_ =
        wanted.size() >= layers.size() && wanted.subList(0, layers.size()).equals(layers);
    boolean sameBottom =
        !layers.isEmpty() && !wanted.isEmpty() && wanted.get(0).equals(layers.get(0));
    List<Path> next = new ArrayList<>();
    Map<String, List<Entry>> known = new HashMap<>();
    Map<String, List<Entry>> bottomEntries = extends_ || sameBottom ? bottom : Map.of();
    if (extends_) {
      next.addAll(layers);
      known.putAll(entries);
    } else if (sameBottom) {
      next.add(layers.get(0));
      known.putAll(bottom);
    }
    for (int layer = next.size(); layer < wanted.size(); layer++) {
      Path root = wanted.get(layer);
      int position = folders.size() - 1 - layer;
      Set<String> hidden = position < deleted.size() ? deleted.get(position) : Set.of();
      for (String name : hidden) {
        known.remove(normalize(name));
      }
      next.add(root);
      add(known, root, layer);
      if (layer == 0) {
        // A copy only when newer layers follow: an index is never changed once made.
        bottomEntries = wanted.size() == 1 ? known : Map.copyOf(known);
      }
    }
    return new ClassFolderIndex(List.copyOf(next), known, bottomEntries);
  }

  private static void add(Map<String, List<Entry>> known, Path root, int layer) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.forEach(
          path -> {
            String name = resourceName(root, path);
            List<Entry> older = known.getOrDefault(name, List.of());
            List<Entry> all = new ArrayList<>(older.size() + 1);
            all.add(new Entry(path, layer));
            all.addAll(older);
            known.put(name, all);
          });
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException(
          new IOException("Cannot read the class folder " + root + ": " + e.getMessage(), e));
    }
  }

  /** The layers, oldest first: {@link Entry#layer()} is a position in this list. */
  public List<Path> layers() {
    return layers;
  }

  /** The newest file or folder named {@code name}, or {@code null}. */
  public Entry first(String name) {
    List<Entry> found = entries.get(normalize(name));
    return found == null ? null : found.get(0);
  }

  /** Every file or folder named {@code name}, newest layer first. */
  public List<Entry> all(String name) {
    return entries.getOrDefault(normalize(name), List.of());
  }

  /** The binary names of every class in the layers. */
  public Set<String> classNames() {
    Set<String> names = new TreeSet<>();
    for (String name : entries.keySet()) {
      if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
        names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
      }
    }
    return names;
  }

  /** The class file of the class with this binary name, or {@code null}. */
  public Entry classFile(String className) {
    return first(className.replace('.', '/') + ".class");
  }

  private static String resourceName(Path root, Path path) {
    return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  // Folders are asked for both as "a/b" and "a/b/".
  private static String normalize(String name) {
    return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
  }
}
