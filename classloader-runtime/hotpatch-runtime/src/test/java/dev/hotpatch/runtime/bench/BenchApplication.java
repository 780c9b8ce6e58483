package dev.hotpatch.runtime.bench;

import dev.hotpatch.Hot;
import dev.hotpatch.HotRunnable;
import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.PatchResult;
import dev.hotpatch.runtime.StableClasses;
import dev.hotpatch.runtime.TestWorkspace;
import dev.hotpatch.runtime.patch.HotRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The application the benchmarks call: one module under the runtime, whose class {@code Bench} runs
 * the same body through {@code Hot.call} and directly, after a given number of patches.
 */
final class BenchApplication {
  private static final String BENCH =
      """
      package bench;
      import dev.hotpatch.Hot;
      import dev.hotpatch.Hot;
      public final class Bench {
        static int sum;
        static String tag;
        public static int hotCall(int x) {
          Hot.call(() -> { sum += x; tag = "version-0"; });
          return sum;
        }
        public static int direct(int x) {
          HotRunnable body = () -> { sum += x; tag = "version-0"; };
          body.run();
          return sum;
        }
        public static HotRunnable body(int x) {
          return () -> { sum += x; tag = "version-0"; };
        }
      }
      """;

  private static final String ADDER = "package bench; public interface Adder { int add(int x); }";

  private static final String ADDER_IMPLEMENTATION =
      """
      package bench;
      public final class Counting implements Adder {
        int total;
        public int add(int x) { total += x; return total; }
      }
      """;

  private static final MethodType TYPE = MethodType.methodType(int.class, int.class);

  private final Class<?> first;
  private final Class<?> current;

  private BenchApplication(Class<?> first, Class<?> current) {
    this.first = first;
    this.current = current;
  }

  /** Starts the application and applies {@code patches} patches of its module. */
  static BenchApplication start(int patches) {
    Path folder;
    try {
      folder = Files.createTempDirectory("hotpatch-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestWorkspace workspace = new TestWorkspace(folder);
    ModuleVersion base =
        workspace.module(
            "bench",
            0,
            List.of(),
            Map.of(
                "bench.Bench", BENCH, "bench.Adder", ADDER, "bench.Counting", ADDER_IMPLEMENTATION),
            Map.of("META-INF/services/bench.Adder", "bench.Counting\n"));
    HotRuntime runtime =
        HotRuntime.create(
            BenchApplication.class.getClassLoader(),
            List.of(base),
            StableClasses.of(List.of(base)));
    runtime.installBridge("bench");
    Class<?> first = load(runtime, "bench.Bench");
    for (int version = 1; version <= patches; version++) {
      ModuleVersion next = workspace.variant(base, version, "version-0", "version-" + version);
      PatchResult result = runtime.apply(version, List.of(ModulePatch.newLoader(next)));
      if (!result.ok()) {
        throw new IllegalStateException(result.error());
      }
    }
    return new BenchApplication(first, load(runtime, "bench.Bench"));
  }

  private static Class<?> load(HotRuntime runtime, String name) {
    try {
      return Class.forName(name, true, runtime.loader("bench"));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A body made by the newest code, to keep and call again and again. */
  HotRunnable body() {
    try {
      return (HotRunnable) current.getMethod("body", int.class).invoke(null, 1);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code (int)int}: {@code Adder.add} through the facade {@code Hot.facade(Adder.class)}, or
   * straight on the implementation it forwards to.
   */
  MethodHandle adder(boolean throughFacade) {
    try {
      Class<?> adder = Class.forName("bench.Adder", false, current.getClassLoader());
      Object facade = Hot.facade(adder);
      Object target =
          throughFacade
              ? facade
              : Class.forName("bench.Counting", true, current.getClassLoader())
                  .getConstructor()
                  .newInstance();
      return MethodHandles.publicLookup().findVirtual(adder, "add", TYPE).bindTo(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code (int)int}: a method of the class the application started with. */
  MethodHandle first(String method) {
    return handle(first, method);
  }

  /** {@code (int)int}: a method of the newest version of the class. */
  MethodHandle current(String method) {
    return handle(current, method);
  }

  private static MethodHandle handle(Class<?> type, String method) {
    try {
      return MethodHandles.publicLookup().findStatic(type, method, TYPE);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
