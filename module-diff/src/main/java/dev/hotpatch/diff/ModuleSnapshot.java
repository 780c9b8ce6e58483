package dev.hotpatch.diff;

import dev.hotpatch.diff.internal.ClassStore;
import dev.hotpatch.diff.internal.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The classes of one build of a module: class name to class file bytes. Immutable.
 *
 * <p>A snapshot remembers what has been computed about it (fingerprints of the classes that were
 * compared, references, stable-layer roots), so keep the snapshot of a build and pass the same
 * object again: the "after" of one patch is the "before" of the next, and unchanged modules keep
 * their references.
 *
 * <p>Class names are internal names ({@code demo/App$1}) everywhere in module-diff; methods that
 * take a name also accept binary names ({@code demo.App$1}).
 */
public final class ModuleSnapshot {
  private final ClassStore store;
  private final String origin;
  private final Set<String> classNames;

  private ModuleSnapshot(ClassStore store, String origin) {
    this.store = store;
    this.origin = origin;
    this.classNames = Collections.unmodifiableSet(new TreeSet<>(store.names()));
  }

  /**
   * Reads every {@code .class} file below {@code classesDir} (a compiler output folder such as
   * {@code target/classes}); a file's path relative to the folder gives the class name. A single
   * file that cannot be read does not fail the snapshot: it is recorded, and a diff counts that
   * class as changed and names it in a warning.
   *
   * @throws SnapshotReadException if the folder does not exist or cannot be listed
   */
  public static ModuleSnapshot ofDirectory(Path classesDir) throws SnapshotReadException {
    if (!Files.isDirectory(classesDir)) {
      throw new SnapshotReadException(
          classesDir,
          "it is not a folder. Compile the module first, or use ModuleSnapshot.of(Map.of()) for"
              + " a module without classes",
          null);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classesDir)) {
      files =
          walk.filter(p -> p.getFileName().toString().endsWith(".class"))
              .filter(Files::isRegularFile)
              .collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      throw new SnapshotReadException(classesDir, String.valueOf(e.getMessage()), e);
    }
    Map<String, byte[]> classes = new HashMap<>();
    Map<String, String> unreadable = new TreeMap<>();
    for (Path file : files) {
      String relative = classesDir.relativize(file).toString().replace('\\', '/');
      String name = Names.internal(relative);
      try {
        classes.put(name, Files.readAllBytes(file));
      } catch (IOException e) {
        classes.put(name, null);
        unreadable.put(name, "the class file " + file + " could not be read (" + e + ")");
      }
    }
    return new ModuleSnapshot(new ClassStore(classes, unreadable), classesDir.toString());
  }

  /**
   * A snapshot of classes held in memory, keyed by internal name ({@code demo/App}), binary name
   * ({@code demo.App}) or file name ({@code demo/App.class}). The arrays are copied. A null value
   * stands for a class file that could not be read: a diff counts that class as changed.
   *
   * @throws IllegalArgumentException if two keys name the same class
   */
  public static ModuleSnapshot of(Map<String, byte[]> classes) {
    Map<String, byte[]> copy = new HashMap<>();
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      String name = Names.internal(e.getKey());
      byte[] bytes = e.getValue();
      if (copy.containsKey(name)) {
        throw new IllegalArgumentException(
            "Two entries name class " + Names.binary(name) + "; give each class once");
      }
      copy.put(name, bytes == null ? null : bytes.clone());
    }
    Map<String, String> unreadable = new TreeMap<>();
    copy.forEach(
        (name, bytes) -> {
          if (bytes == null) {
            unreadable.put(name, "no bytes were given for it");
          }
        });
    return new ModuleSnapshot(new ClassStore(copy, unreadable), "memory");
  }

  /** Internal names of all classes, sorted. */
  public Set<String> classNames() {
    return classNames;
  }

  public boolean contains(String className) {
    return store.contains(Names.internal(className));
  }

  /** A copy of the bytes of a class, if the snapshot has it and its file could be read. */
  public Optional<byte[]> bytes(String className) {
    byte[] bytes = store.bytes(Names.internal(className));
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  public int size() {
    return store.size();
  }

  /** The {@code @HotFacade} interfaces of this build; internal names, sorted. */
  public Set<String> facades() {
    return store.facts().facades();
  }

  ClassStore store() {
    return store;
  }

  @Override
  public String toString() {
    return "ModuleSnapshot[" + store.size() + " classes from " + origin + "]";
  }
}
