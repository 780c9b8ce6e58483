package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.runtime.channel.PatchClient;
import dev.hotpatch.runtime.patch.HotRuntime;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One session of 1,000 patches over the real channel, run by {@link PatchSoakIT}. */
final class SoakScenarios {
  static final int PATCHES = 1_000;
  private static final int CLASSES = 10;
  private static final int WARM_UP = 100;
  private static final String SECRET = "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3";

  private SoakScenarios() {}

  private static Map<String, String> sources() {
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < CLASSES; i++) {
      sources.put(
          "demo.C" + i,
          """
          package demo;
          import dev.hotpatch.Hot;
          public final class CN {
            static int calls;
            static final byte[] PAYLOAD = new byte[4096];
            public static String call() {
              calls++;
              return Hot.call(() -> "TAG:" + calls + ":" + PAYLOAD.length);
            }
          }
          """
              .replace("CN", "C" + i));
    }
    return sources;
  }

  /** Heap, metaspace, threads and open files after a full collection. */
  record Figures(long heapBytes, long metaspaceBytes, int threads, long openFiles) {
    static Figures now() throws Exception {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(50);
      }
      long metaspace =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getName().equals("Metaspace"))
              .mapToLong(pool -> pool.getUsage().getUsed())
              .sum();
      long files;
      try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
        files = fds.count();
      }
      return new Figures(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
          metaspace,
          ManagementFactory.getThreadMXBean().getThreadCount(),
          files);
    }

    String describe() {
      return String.format(
          "heap %.1f MiB, metaspace %.1f MiB, %d threads, %d open files",
          heapBytes / 1048576.0, metaspaceBytes / 1048576.0, threads, openFiles);
    }
  }

  static void thousandPatchesOverTheChannelAllApplyAndNothingGrows(Path folder) throws Exception {
    try (TestApplication application = new TestApplication(folder);
        FakeServe serve = FakeServe.start(SECRET, 0)) {
      ModuleVersion base = application.build("app", 0, sources());
      ModuleVersion even = application.workspace().variant(base, 2, "TAG", "even");
      ModuleVersion odd = application.workspace().variant(base, 1, "TAG", "odd");
      HotRuntime runtime = application.start(base);
      Path token = Files.writeString(folder.resolve("token"), SECRET);
      try (PatchClient client =
          PatchClient.start(
              new PatchClient.Settings(
                  serve.uri(),
                  token,
                  "soak",
                  "soak.1",
                  List.of(folder),
                  Duration.ofMillis(50),
                  Duration.ofMillis(500),
                  null,
                  null,
                  null),
              runtime::apply)) {
        JsonNode hello = serve.next();
        Figures before = null;
        WeakReference<ClassLoader> early = null;
        long started = System.nanoTime();
        for (int patch = 1; patch <= PATCHES; patch++) {
          ModuleVersion build = patch % 2 == 0 ? even : odd;
          serve.send(
              FakeServe.patch(
                  hello,
                  patch,
                  new ModuleVersion("app", patch, build.classes(), build.dependencies())));
          JsonNode result = serve.next();
          assertThat(result.get("ok").asBoolean()).as("patch %d: %s", patch, result).isTrue();
          String tag = patch % 2 == 0 ? "even" : "odd";
          assertThat((String) application.call("app", "demo.C3", "call")).startsWith(tag + ":");
          if (patch == 1) {
            early = new WeakReference<>(runtime.loader("app"));
          }
          if (patch == WARM_UP) {
            before = Figures.now();
          }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Figures after = Figures.now();
        assertThat(runtime.version()).isEqualTo(PATCHES);
        String report =
            String.format(
                "patches applied: %d of %d in %d ms (%.1f ms each)%nafter patch %d: %s%nafter"
                    + " patch %d: %s%nloader of patch 1 collected: %s%n",
                runtime.version(),
                PATCHES,
                millis,
                millis / (double) PATCHES,
                WARM_UP,
                before.describe(),
                PATCHES,
                after.describe(),
                early.get() == null);
        Files.writeString(folder.resolve("figures.txt"), report);
        assertThat(early.get()).as("the loader of patch 1 after %d patches", PATCHES).isNull();
        assertThat(after.heapBytes()).isLessThan(before.heapBytes() + 32 * 1048576L);
        assertThat(after.metaspaceBytes()).isLessThan(before.metaspaceBytes() + 16 * 1048576L);
        assertThat(after.threads()).isLessThanOrEqualTo(before.threads() + 2);
        assertThat(after.openFiles()).isLessThanOrEqualTo(before.openFiles() + 4);
      }
    }
  }
}
