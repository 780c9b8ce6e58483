package dev.hotpatch.serve.build;

import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.SnapshotReadException;
import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.compile.UpstreamBuild;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Versions copied from the modules' class folders, which an IDE compiles into ({@code
 * -Dhotpatch.watch=classes}). Version 0 is a copy of the whole folder: the IDE rewrites it in
 * place, and a loader must never see its classes change, nor the diff lose what it compares with.
 * Each next version copies only the class files that changed.
 */
final class CopiedVersions implements VersionSource {

  @Override
  public ModuleBuild first(WorkspaceModule module, Path folder, SnapshotStore snapshots)
      throws IOException {
    Folders.copyMissing(module.outputDirectory(), folder, file -> true);
    try {
      return new ModuleBuild(
          module.name(),
          0,
          List.of(Layer.of(folder)),
          module.dependencies(),
          snapshots.read(folder));
    } catch (SnapshotReadException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public Classes next(
      WorkspaceModule module,
      List<UpstreamBuild> upstream,
      ModuleBuild previous,
      Path folder,
      Set<Path> changedFiles) {
    Path classes = module.outputDirectory();
    Map<String, byte[]> changed = new HashMap<>();
    Set<String> removed = new HashSet<>();
    try {
      for (Path file : changedFiles == null ? allClassFiles(classes) : changedFiles) {
        if (!file.startsWith(classes) || !Folders.isClassFile(file)) {
          continue;
        }
        String name = classes.relativize(file).toString().replace('\\', '/');
        String className = name.substring(0, name.length() - ".class".length());
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
          removed.add(className);
          continue;
        }
        if (!isWhole(bytes)) {
          // The IDE is writing it: its last write is an event of its own, and a batch of its own.
          throw new IncompleteClassFileException(module.name(), file);
        }
        Path target = folder.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        changed.put(className, bytes);
      }
      if (changedFiles == null) {
        // Every class file was listed: what is not there any more was deleted.
        for (String name : previous.classes().classNames()) {
          if (!changed.containsKey(name)) {
            removed.add(name);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot copy the classes of module " + module.name() + " from " + classes, e);
    }
    removed.removeIf(name -> !previous.classes().contains(name));
    ModuleSnapshot next = previous.classes().derive(changed, removed);
    if (next.changedSince(previous.classes()).isEmpty()) {
      return null;
    }
    Set<String> deleted = new TreeSet<>();
    removed.forEach(name -> deleted.add(name + ".class"));
    return new Classes(next, deleted);
  }

  /** Whether {@code bytes} are a class file to its end: every part of it parses. */
  static boolean isWhole(byte[] bytes) {
    try {
      new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {}, 0);
      return true;
    } catch (RuntimeException e) {
      // ASM reads past the end of a truncated file, or finds a count that makes no sense.
      return false;
    }
  }

  private static List<Path> allClassFiles(Path classes) throws IOException {
    if (!Files.isDirectory(classes)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(classes)) {
      return walk.filter(Files::isRegularFile).filter(Folders::isClassFile).toList();
    }
  }

  @Override
  public boolean warmUp(
      WorkspaceModule module,
      List<UpstreamBuild> upstream,
      Path scratch,
      int files,
      BooleanSupplier patchWaits) {
    return true; // copying needs no warming up
  }
}
