package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.Hot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patch becomes current atomically with respect to {@code Hot.call}. */
class ConcurrentPatchingTest {
  private static final int PATCHES = 200;
  private static final int THREADS = 4;

  @TempDir Path folder;
  private TestApplication application;

  @BeforeEach
  void create() {
    application = new TestApplication(folder);
  }

  @AfterEach
  void close() {
    application.close();
  }

  @Test
  void callsOnFourThreadsNeverFailAndNeverSeeAVersionGoBackWhile200PatchesApply() throws Exception {
    ModuleVersion base =
        application.build(
            "app",
            0,
            Map.of(
                "demo.Tick",
                """
                package demo;
                import dev.hotpatch.Hot;
                public final class Tick {
                  public static String tick() { return Hot.call(() -> "version-0"); }
                }
                """));
    List<ModuleVersion> builds = new ArrayList<>();
    for (int version = 1; version <= PATCHES; version++) {
      builds.add(application.workspace().variant(base, version, "version-0", "version-" + version));
    }
    application.start(base);
    Class<?> original = application.load("app", "demo.Tick");
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicIntegerArray newest = new AtomicIntegerArray(THREADS);
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      int caller = i;
      Thread thread =
          new Thread(
              () -> {
                int last = 0;
                try {
                  while (running.get()) {
                    // Half the callers hold the class of the first version, as a main loop would;
                    // the others look up the current class each time.
                    Object answer =
                        caller % 2 == 0
                            ? Reflect.call(original, null, "tick")
                            : application.call("app", "demo.Tick", "tick");
                    int seen = Integer.parseInt(((String) answer).substring("version-".length()));
                    if (seen < last || seen > Hot.version()) {
                      throw new AssertionError(
                          "caller " + caller + " saw version " + seen + " after " + last);
                    }
                    last = seen;
                    newest.set(caller, seen);
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "caller-" + i);
      thread.start();
      callers.add(thread);
    }

    for (ModuleVersion build : builds) {
      application.patchOrFail(build);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (failures.isEmpty() && !allSaw(newest, PATCHES) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    running.set(false);
    for (Thread caller : callers) {
      caller.join();
    }

    assertThat(failures).isEmpty();
    assertThat(Hot.version()).isEqualTo(PATCHES);
    for (int i = 0; i < THREADS; i++) {
      assertThat(newest.get(i)).as("newest version caller %d saw", i).isEqualTo(PATCHES);
    }
  }

  private static boolean allSaw(AtomicIntegerArray newest, int version) {
    for (int i = 0; i < newest.length(); i++) {
      if (newest.get(i) != version) {
        return false;
      }
    }
    return true;
  }
}
