package dev.hotpatch.runtime;

import static dev.hotpatch.runtime.Reflect.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.Hot;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callers racing to the first call after a patch replaced a facade's implementation. */
class FacadeRelinkRaceTest {
  private static final String MADE = "hotpatch.test.race.made";
  private static final String RELEASE = "hotpatch.test.race.release";
  private static final String COUNTER =
      """
      package demo.lib;
      @dev.hotpatch.HotFacade
      public interface Counter { String who(); }
      """;
  private static final String FIRST =
      """
      package demo.lib;
      public final class First implements Counter {
        public String who() { return "first"; }
      }
      """;
  // Counts itself, then waits until the test lets it finish, so a second caller can race it.
  private static final String SLOW =
      """
      package demo.lib;
      public final class Slow implements Counter {
        private final int serial;
        public Slow() throws InterruptedException {
          java.util.Map<Object, Object> shared = System.getProperties();
          serial = ((java.util.concurrent.atomic.AtomicInteger) shared.get("MADE")).incrementAndGet();
          ((java.util.concurrent.CountDownLatch) shared.get("RELEASE")).await();
        }
        public String who() { return "slow #" + serial; }
      }
      """
          .replace("MADE", MADE)
          .replace("RELEASE", RELEASE);

  @TempDir Path folder;
  private TestApplication application;
  private final AtomicInteger made = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() {
    System.getProperties().put(MADE, made);
    System.getProperties().put(RELEASE, release);
    application = new TestApplication(folder);
    application.start(lib(0, "demo.lib.First"));
  }

  @AfterEach
  void stop() {
    release.countDown();
    System.getProperties().remove(MADE);
    System.getProperties().remove(RELEASE);
    application.close();
  }

  private ModuleVersion lib(int version, String provider) {
    return application
        .workspace()
        .module(
            "lib",
            version,
            List.of(),
            Map.of("demo.lib.Counter", COUNTER, "demo.lib.First", FIRST, "demo.lib.Slow", SLOW),
            Map.of("META-INF/services/demo.lib.Counter", provider + "\n"));
  }

  @Test
  void concurrentFirstCallsAfterAPatchShareOneNewImplementation() throws Exception {
    Class<?> counter = application.load("lib", "demo.lib.Counter");
    Object facade = Hot.facade(counter);
    assertThat(call(counter, facade, "who")).isEqualTo("first");
    application.patchOrFail(lib(1, "demo.lib.Slow"));

    FutureTask<Object> first = new FutureTask<>(() -> call(counter, facade, "who"));
    new Thread(first, "first caller").start();
    await().until(() -> made.get() == 1);
    FutureTask<Object> second = new FutureTask<>(() -> call(counter, facade, "who"));
    Thread racer = new Thread(second, "second caller");
    racer.start();
    // Either it waits for the first caller's implementation, or it builds its own.
    await().until(() -> waitsOnAFacadeCache(racer) || made.get() == 2);
    release.countDown();

    assertThat(first.get()).isEqualTo("slow #1");
    assertThat(second.get()).isEqualTo("slow #1");
    assertThat(call(counter, facade, "who")).isEqualTo("slow #1");
    assertThat(made).hasValue(1);
  }

  private static boolean waitsOnAFacadeCache(Thread thread) {
    LockInfo lock = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId()).getLockInfo();
    return thread.getState() == Thread.State.BLOCKED
        && lock != null
        && lock.getClassName().endsWith("FacadeTargets$Cache");
  }
}
