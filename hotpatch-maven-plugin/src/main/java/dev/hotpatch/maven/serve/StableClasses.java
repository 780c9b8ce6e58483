package dev.hotpatch.maven.serve;

import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.SnapshotReadException;
import dev.hotpatch.diff.StableLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code stableClasses} of {@code launch.json}: module-diff's stable layer of the builds the
 * application starts with, so that the runtime loads exactly what the patch planner treats as
 * stable.
 */
final class StableClasses {
  private StableClasses() {}

  /** Binary names by module, for modules in dependency order. */
  static Map<String, List<String>> of(List<ModuleBuild> modules) throws IOException {
    Map<String, ModuleSnapshot> snapshots = new LinkedHashMap<>();
    for (ModuleBuild module : modules) {
      snapshots.put(module.name(), read(module));
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    StableLayer.of(snapshots)
        .classesByModule()
        .forEach(
            (module, names) ->
                out.put(module, names.stream().map(n -> n.replace('/', '.')).toList()));
    return out;
  }

  private static ModuleSnapshot read(ModuleBuild module) throws IOException {
    if (!Files.isDirectory(module.classes())) {
      return ModuleSnapshot.of(Map.of()); // A module without classes.
    }
    try {
      return ModuleSnapshot.ofDirectory(module.classes());
    } catch (SnapshotReadException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
