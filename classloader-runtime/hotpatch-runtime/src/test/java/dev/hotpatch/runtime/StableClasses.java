package dev.hotpatch.runtime;

import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.StableLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The stable classes of test modules, found as serve finds them for {@code launch.json}. */
public final class StableClasses {
  private StableClasses() {}

  /** Binary names by module, from module-diff's {@link StableLayer}. */
  public static Map<String, List<String>> of(List<ModuleVersion> modules) {
    Map<String, ModuleSnapshot> snapshots = new LinkedHashMap<>();
    for (ModuleVersion module : modules) {
      snapshots.put(module.name(), ModuleSnapshot.of(classFiles(module.classes())));
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    StableLayer.of(snapshots)
        .classesByModule()
        .forEach(
            (module, names) ->
                out.put(module, names.stream().map(n -> n.replace('/', '.')).toList()));
    return out;
  }

  private static Map<String, byte[]> classFiles(List<Path> folders) {
    Map<String, byte[]> out = new HashMap<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name = folder.relativize(file).toString().replace('\\', '/');
          out.putIfAbsent(name, Files.readAllBytes(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
