package dev.hotpatch.serve.compile;

import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The Java sources of a module as they are now. */
final class SourceFiles {
  private SourceFiles() {}

  /**
   * Every {@code .java} file under the module's source roots with its stamp, in path order. A
   * {@code module-info.java} is left out: the application runs on class loaders, not on the module
   * path, and javac cannot compile a module descriptor against a class path.
   */
  static Map<Path, SourceStamp> of(WorkspaceModule module) {
    Map<Path, SourceStamp> sources = new TreeMap<>();
    for (Path root : module.sourceRoots()) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(SourceFiles::isCompiled)
            .map(p -> p.toAbsolutePath().normalize())
            .forEach(p -> sources.put(p, SourceStamp.of(p)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the sources under " + root, e);
      }
    }
    return sources;
  }

  private static boolean isCompiled(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".java") && !name.equals("module-info.java") && Files.isRegularFile(file);
  }
}
