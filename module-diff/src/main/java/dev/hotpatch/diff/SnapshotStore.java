package dev.hotpatch.diff;

import dev.hotpatch.diff.internal.store.ReadCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The snapshots of one session's module builds: the one reader of class files that the compiler,
 * the diff, the reload plan and the stable-layer checks share. Each class file is read and parsed
 * at most once per version: a module's first build is read whole, and every next one is {@link
 * ModuleSnapshot#derive derived} from the one before with only what changed. It holds the current
 * snapshot of each module (older ones are collected once nothing uses them), so what it keeps in
 * memory is the class files of one build of each module: {@link #bytesHeld()}.
 */
public final class SnapshotStore {
  private final ReadCounter counter = new ReadCounter();
  private final Map<String, ModuleSnapshot> current = new ConcurrentHashMap<>();
  private final Map<String, ModuleSnapshot> first = new ConcurrentHashMap<>();

  /**
   * Reads every class file below {@code folder}; a folder that does not exist is a module without
   * classes.
   *
   * @throws SnapshotReadException if the folder cannot be listed
   */
  public ModuleSnapshot read(Path folder) throws SnapshotReadException {
    return Files.isDirectory(folder)
        ? ModuleSnapshot.ofDirectory(folder, counter)
        : ModuleSnapshot.of(Map.of(), counter);
  }

  /** A snapshot of classes held in memory, counted by this store; see {@link ModuleSnapshot#of}. */
  public ModuleSnapshot of(Map<String, byte[]> classes) {
    return ModuleSnapshot.of(classes, counter);
  }

  /** The snapshot of the build of {@code module} that the application runs, or null. */
  public ModuleSnapshot current(String module) {
    return current.get(module);
  }

  /**
   * The snapshot of the build of {@code module} that the application started with, or null: what
   * the classes of the modules that depend on it were compiled against.
   */
  public ModuleSnapshot first(String module) {
    return first.get(module);
  }

  /** {@code snapshot} is now the build of {@code module} that the application runs. */
  public void commit(String module, ModuleSnapshot snapshot) {
    current.put(module, snapshot);
    first.putIfAbsent(module, snapshot);
  }

  /** How many class files the snapshots of this store read from disk, since it was made. */
  public long classFilesRead() {
    return counter.filesRead();
  }

  /** How many class files the snapshots of this store parsed with ASM, since it was made. */
  public long classesParsed() {
    return counter.parsed();
  }

  /** The bytes of the class files of the current snapshots, added up. */
  public long bytesHeld() {
    long bytes = 0;
    for (ModuleSnapshot snapshot : current.values()) {
      bytes += snapshot.byteSize();
    }
    return bytes;
  }
}
