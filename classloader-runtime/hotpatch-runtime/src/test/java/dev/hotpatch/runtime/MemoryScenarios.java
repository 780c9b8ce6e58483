package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Many patches in a small JVM, run by {@link PatchMemoryIT}. */
final class MemoryScenarios {
  private static final int CLASSES = 50;
  private static final int PATCHES = 300;

  private MemoryScenarios() {}

  /**
   * 50 classes, each with statics (a counter, a list holding an object of the class), a {@code
   * Hot.call} body, and an instance method whose {@code Hot.call} captures {@code this}.
   */
  private static Map<String, String> sources() {
    Map<String, String> sources = new LinkedHashMap<>();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < CLASSES; i++) {
      sources.put(
          "demo.C" + i,
          """
          package demo;
          import dev.hotpatch.Hot;
          import java.util.ArrayList;
          import java.util.List;
          public final class CN {
            static int calls;
            static final List<CN> KEPT = new ArrayList<>();
            final byte[] payload = new byte[1024];
            String tag = "made by TAG";
            public static String call() {
              calls++;
              return Hot.call(() -> "TAG:N:" + calls + ":" + CNEXT.calls);
            }
            public static CN keep() { CN kept = new CN(); KEPT.add(kept); return kept; }
            public String render() { return Hot.call(() -> "TAG " + tag + " " + payload.length); }
          }
          """
              .replace("CNEXT", "C" + ((i + 1) % CLASSES))
              .replace("CN", "C" + i)
              .replace(":N:", ":" + i + ":"));
      run.append("    last = C").append(i).append(".call();\n");
    }
    sources.put(
        "demo.Main",
        "package demo;\npublic final class Main {\n  public static String run() {\n"
            + "    String last = null;\n"
            + run
            + "    return last;\n  }\n}\n");
    return sources;
  }

  static void manyPatchesOfAModuleLeaveEarlyLoadersCollectable(Path folder) throws Exception {
    try (TestApplication application = new TestApplication(folder)) {
      ModuleVersion base = application.build("app", 0, sources());
      // Two builds, used in turn: every patch defines all 51 classes again in a new loader.
      ModuleVersion even = application.workspace().variant(base, 2, "TAG", "even");
      ModuleVersion odd = application.workspace().variant(base, 1, "TAG", "odd");
      application.start(base);
      Class<?> firstMain = application.load("app", "demo.Main");
      assertThat(Reflect.call(firstMain, null, "run")).isEqualTo("TAG:49:1:1");
      Object widget = application.call("app", "demo.C7", "keep");
      for (int i = 0; i < CLASSES; i++) {
        application.call("app", "demo.C" + i, "keep");
      }
      WeakReference<ClassLoader> early = null;

      for (int version = 1; version <= PATCHES; version++) {
        ModuleVersion build = version % 2 == 0 ? even : odd;
        application.patchOrFail(
            new ModuleVersion("app", version, build.classes(), build.dependencies()));
        String tag = version % 2 == 0 ? "even" : "odd";
        // The first version's code, held here as a main loop would hold it, runs the newest
        // bodies; they read the statics of the newest classes, which current code increments.
        assertThat(application.call("app", "demo.Main", "run"))
            .isEqualTo(tag + ":49:" + (version + 1) + ":" + (version + 1));
        assertThat(Reflect.call(firstMain, null, "run"))
            .isEqualTo(tag + ":49:" + (version + 1) + ":" + (version + 1));
        assertThat(Reflect.call(widget.getClass(), widget, "render"))
            .isEqualTo(tag + " made by TAG 1024");
        if (version == 1) {
          early = new WeakReference<>(application.runtime().loader("app"));
        }
      }

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (early.get() != null && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(50);
      }
      assertThat(early.get()).as("the loader of version 1 after %d patches", PATCHES).isNull();
    }
  }
}
