package dev.hotpatch.serve.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/** The files of one build folder. */
final class ClassFolder {
  private ClassFolder() {}

  static Path fileOf(Path folder, String className) {
    return folder.resolve(className + ".class");
  }

  /** When the class file was written, or null when it is gone. */
  static FileTime modified(Path folder, String className) {
    try {
      return Files.getLastModifiedTime(fileOf(folder, className));
    } catch (IOException e) {
      return null;
    }
  }

  static void delete(Path folder, String className) {
    try {
      Files.deleteIfExists(fileOf(folder, className));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete class " + className + " from " + folder, e);
    }
  }

  /** Whether anything but class files lies under {@code folder}: what a processor wrote. */
  static boolean holdsOtherFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.anyMatch(p -> Files.isRegularFile(p) && !p.toString().endsWith(".class"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }
}
