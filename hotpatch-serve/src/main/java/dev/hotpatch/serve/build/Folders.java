package dev.hotpatch.serve.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Copies between class folders. */
final class Folders {
  private Folders() {}

  static boolean isClassFile(Path file) {
    return file.getFileName().toString().endsWith(".class");
  }

  /**
   * Copies the files of {@code from} that {@code which} accepts into {@code to}, keeping their
   * relative paths and any file {@code to} has already. A missing {@code from} copies nothing, and
   * a file that disappears while the copy runs (an IDE rewriting the folder) is left out: the
   * deletion is a change of its own, reported by the watcher.
   */
  static void copyMissing(Path from, Path to, Predicate<Path> which) throws IOException {
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : walk.filter(Files::isRegularFile).filter(which).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.exists(target)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        try {
          Files.copy(file, target);
        } catch (NoSuchFileException e) {
          // Deleted since the walk saw it.
        }
      }
    }
  }
}
