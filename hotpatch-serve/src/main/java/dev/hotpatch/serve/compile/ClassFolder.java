package dev.hotpatch.serve.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads and writes the class files of one build folder. */
final class ClassFolder {
  private ClassFolder() {}

  /**
   * The facts of every class under {@code folder}, without sources; empty when it does not exist.
   *
   * @throws UnreadableClassException when a class file cannot be read or parsed
   */
  static Map<String, ClassFacts> read(Path folder) throws UnreadableClassException {
    Map<String, ClassFacts> classes = new HashMap<>();
    for (Path file : classFiles(folder)) {
      ClassFacts facts = read(file, folder);
      classes.put(facts.name(), facts);
    }
    return classes;
  }

  static ClassFacts read(Path file, Path folder) throws UnreadableClassException {
    try {
      return ClassFactsReader.read(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableClassException(folder.relativize(file).toString(), e);
    }
  }

  static Path fileOf(Path folder, String className) {
    return folder.resolve(className + ".class");
  }

  static FileTime modified(Path folder, String className) {
    try {
      return Files.getLastModifiedTime(fileOf(folder, className));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void copy(String className, Path from, Path to) {
    Path target = fileOf(to, className);
    try {
      Files.createDirectories(target.getParent());
      Files.copy(fileOf(from, className), target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy class " + className + " to " + to, e);
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

  private static List<Path> classFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the classes under " + folder, e);
    }
  }
}
