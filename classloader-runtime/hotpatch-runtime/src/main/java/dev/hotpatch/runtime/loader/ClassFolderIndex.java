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
 * Every file and folder under the class folders of one module version, by resource name.
 *
 * <p>Built once, when the loader is created: a module version's folders never change, and an index
 * makes "is this class mine?" a map lookup instead of a file-system probe per class name.
 */
public final class ClassFolderIndex {
  /** One file or folder: where it is, and which of the class folders holds it. */
  public record Entry(Path path, int folder) {}

  private final List<Path> folders;
  private final Map<String, List<Entry>> entries;

  private ClassFolderIndex(List<Path> folders, Map<String, List<Entry>> entries) {
    this.folders = folders;
    this.entries = entries;
  }

  /** Indexes {@code folders}; a folder that does not exist counts as empty, as on a class path. */
  public static ClassFolderIndex of(List<Path> folders) {
    List<Path> absolute = new ArrayList<>();
    Map<String, List<Entry>> entries = new HashMap<>();
    for (Path folder : folders) {
      Path root = folder.toAbsolutePath().normalize();
      int number = absolute.size();
      absolute.add(root);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(root)) {
        paths.forEach(
            path ->
                entries
                    .computeIfAbsent(resourceName(root, path), name -> new ArrayList<>(1))
                    .add(new Entry(path, number)));
      } catch (IOException | UncheckedIOException e) {
        throw new UncheckedIOException(
            new IOException("Cannot read the class folder " + root + ": " + e.getMessage(), e));
      }
    }
    return new ClassFolderIndex(List.copyOf(absolute), entries);
  }

  List<Path> folders() {
    return folders;
  }

  /** The first file or folder named {@code name}, or {@code null}. */
  Entry first(String name) {
    List<Entry> found = entries.get(normalize(name));
    return found == null ? null : found.get(0);
  }

  /** Every file or folder named {@code name}, in folder order. */
  List<Entry> all(String name) {
    return entries.getOrDefault(normalize(name), List.of());
  }

  /** The binary names of every class in the folders. */
  Set<String> classNames() {
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
