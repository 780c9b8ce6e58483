package dev.hotpatch.diff;

import dev.hotpatch.diff.classfile.ClassApi;
import dev.hotpatch.diff.internal.names.Names;
import dev.hotpatch.diff.internal.store.ClassReadException;
import dev.hotpatch.diff.internal.store.ClassStore;
import dev.hotpatch.diff.internal.store.ReadCounter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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

  /** Sorted on first use: a body edit's builds never ask, so they no longer sort every name. */
  private volatile Set<String> classNames;

  private ModuleSnapshot(ClassStore store, String origin) {
    this.store = store;
    this.origin = origin;
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
    return ofDirectory(classesDir, new ReadCounter());
  }

  static ModuleSnapshot ofDirectory(Path classesDir, ReadCounter counter)
      throws SnapshotReadException {
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
      read(Names.internal(relative), file, classes, unreadable, counter);
    }
    return new ModuleSnapshot(new ClassStore(classes, unreadable, counter), classesDir.toString());
  }

  private static void read(
      String name,
      Path file,
      Map<String, byte[]> classes,
      Map<String, String> unreadable,
      ReadCounter counter) {
    try {
      counter.countFileRead();
      classes.put(name, Files.readAllBytes(file));
    } catch (IOException e) {
      classes.put(name, null);
      unreadable.put(name, "the class file " + file + " could not be read (" + e + ")");
    }
  }

  /**
   * A snapshot of classes held in memory, keyed by internal name ({@code demo/App}), binary name
   * ({@code demo.App}) or file name ({@code demo/App.class}). The arrays are copied. A null value
   * stands for a class file that could not be read: a diff counts that class as changed.
   *
   * @throws IllegalArgumentException if two keys name the same class
   */
  public static ModuleSnapshot of(Map<String, byte[]> classes) {
    return of(classes, new ReadCounter());
  }

  static ModuleSnapshot of(Map<String, byte[]> classes, ReadCounter counter) {
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
    return new ModuleSnapshot(new ClassStore(copy, unreadable, counter), "memory");
  }

  /**
   * The next build of the module: this one with {@code changed} classes added or replaced (keyed as
   * in {@link #of}; the arrays are copied) and {@code removed} ones gone. It shares the bytes of
   * every other class with this snapshot and takes over what was worked out about them, so a diff
   * against this snapshot, its references and its API cost in proportion to the change.
   */
  public ModuleSnapshot derive(Map<String, byte[]> changed, Set<String> removed) {
    Map<String, byte[]> copy = new HashMap<>();
    Map<String, String> unreadable = new TreeMap<>();
    changed.forEach(
        (key, bytes) -> {
          String name = Names.internal(key);
          copy.put(name, bytes == null ? null : bytes.clone());
          if (bytes == null) {
            unreadable.put(name, "no bytes were given for it");
          }
        });
    Set<String> gone = new TreeSet<>();
    removed.forEach(name -> gone.add(Names.internal(name)));
    return new ModuleSnapshot(store.derive(copy, gone, unreadable), origin + "+" + copy.size());
  }

  /** Internal names of all classes, sorted. */
  public Set<String> classNames() {
    Set<String> names = classNames;
    if (names == null) {
      names = Collections.unmodifiableSet(new TreeSet<>(store.names()));
      classNames = names;
    }
    return names;
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

  /**
   * The bytes of a class to read, without a copy; empty if the snapshot does not have it or its
   * file could not be read.
   */
  public Optional<InputStream> open(String className) {
    byte[] bytes = store.bytes(Names.internal(className));
    return bytes == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(bytes));
  }

  /** The classes of each package ({@code lib/util}; {@code ""} for none), internal names. */
  public Map<String, List<String>> packages() {
    return store.packages();
  }

  /**
   * The API of a class, read once per class version.
   *
   * @throws IllegalArgumentException when the snapshot does not have the class or cannot read it
   */
  public ClassApi api(String className) {
    try {
      return store.api(Names.internal(className));
    } catch (ClassReadException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Whether any class of this build uses {@code className}, a class from outside the module. */
  public boolean uses(String className) {
    return store.facts().uses(Names.internal(className));
  }

  /** The class names whose bytes differ from {@code before}'s, in either direction. */
  public Set<String> changedSince(ModuleSnapshot before) {
    return store.changedSince(before.store);
  }

  /** The bytes of every readable class, added up: what this snapshot holds in memory. */
  public long byteSize() {
    return store.byteSize();
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
