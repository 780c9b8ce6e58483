package dev.hotpatch.diff.testing;

import dev.hotpatch.diff.ModuleSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Snapshots compiled from sources, for one module or a workspace partitioned by package. */
public final class Builds {
  private Builds() {}

  /** One module built from the given sources. */
  public static ModuleSnapshot module(String... sources) {
    return ModuleSnapshot.of(InMemoryCompiler.compile(sources));
  }

  /**
   * Compiles a whole workspace at once and splits the classes into modules by top-level package
   * ({@code core/...} goes to module {@code core}). Classes of package {@code dev.hotpatch} stand
   * in for hotpatch-api and belong to no module.
   */
  public static Map<String, ModuleSnapshot> workspace(String... sources) {
    Map<String, Map<String, byte[]>> byModule = new TreeMap<>();
    InMemoryCompiler.compile(sources)
        .forEach(
            (name, bytes) -> {
              if (!name.startsWith("dev/hotpatch/")) {
                String module = name.substring(0, name.indexOf('/'));
                byModule.computeIfAbsent(module, k -> new TreeMap<>()).put(name, bytes);
              }
            });
    Map<String, ModuleSnapshot> out = new LinkedHashMap<>();
    byModule.forEach((module, classes) -> out.put(module, ModuleSnapshot.of(classes)));
    return out;
  }

  /** The {@code @HotFacade} annotation as hotpatch-api declares it. */
  public static final String HOT_FACADE =
      """
      package dev.hotpatch;
      import java.lang.annotation.*;
      @Retention(RetentionPolicy.RUNTIME)
      @Target(ElementType.TYPE)
      public @interface HotFacade {}
      """;

  /** The {@code @HotValue} annotation as hotpatch-api declares it. */
  public static final String HOT_VALUE =
      """
      package dev.hotpatch;
      import java.lang.annotation.*;
      @Retention(RetentionPolicy.RUNTIME)
      @Target(ElementType.TYPE)
      public @interface HotValue {}
      """;
}
