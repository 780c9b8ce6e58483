package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statics carried by name from a class to its new version. */
class StaticsCarryTest {
  /** A service that starts a thread pool and says so once, as a real one would. */
  private static final String SERVICE =
      """
      package demo;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      public final class Service {
        static final ExecutorService POOL = Executors.newSingleThreadExecutor(task -> {
          Thread thread = new Thread(task, "demo-pool");
          thread.setDaemon(true);
          return thread;
        });
        static int calls;
        EXTRA
        static { System.out.println("INIT"); }
        public static String call() { calls++; return "TAG:" + calls; }
        public static Object pool() { return POOL; }
      }
      """;

  @TempDir Path folder;
  private TestApplication application;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private PrintStream standardOut;

  @BeforeEach
  void captureOutput() {
    application = new TestApplication(folder);
    standardOut = System.out;
    System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOutput() {
    System.setOut(standardOut);
    application.close();
  }

  private ModuleVersion service(int version, String extra) {
    return application.build(
        "app",
        version,
        Map.of("demo.Service", SERVICE.replace("TAG", "v" + version).replace("EXTRA", extra)));
  }

  private long initLines() {
    return output.toString(StandardCharsets.UTF_8).lines().filter("INIT"::equals).count();
  }

  @Test
  void allCarriedStaticsSkipTheStaticInitializer() {
    application.start(service(0, ""));
    assertThat(application.call("app", "demo.Service", "call")).isEqualTo("v0:1");
    Object pool = application.call("app", "demo.Service", "pool");

    PatchResult result = application.patchOrFail(service(1, ""));

    assertThat(result.warnings()).isEmpty();
    assertThat(application.call("app", "demo.Service", "call")).isEqualTo("v1:2");
    assertThat(application.call("app", "demo.Service", "pool")).isSameAs(pool);
    assertThat(initLines()).isEqualTo(1);
  }

  @Test
  void newStaticFieldRunsTheInitializerAndTheCarriedValuesComeBackAfterIt() {
    application.start(service(0, ""));
    application.call("app", "demo.Service", "call");
    Object pool = application.call("app", "demo.Service", "pool");

    PatchResult result = application.patchOrFail(service(1, "static String greeting = \"fresh\";"));

    assertThat(initLines()).isEqualTo(2);
    assertThat(application.read("app", "demo.Service", "greeting")).isEqualTo("fresh");
    assertThat(application.call("app", "demo.Service", "call")).isEqualTo("v1:2");
    // The initializer made a second pool; the carried one replaced it, so callers see one pool.
    assertThat(application.call("app", "demo.Service", "pool")).isSameAs(pool);
    assertThat(result.warnings())
        .containsExactly(
            "Static initializer of demo.Service ran again for its new or changed static fields"
                + " greeting; the values of POOL, calls were carried back after it.");
  }

  @Test
  void renamedStaticGetsItsInitializerValueAndBothNamesAreInTheWarnings() {
    application.start(service(0, ""));
    application.call("app", "demo.Service", "call");
    ModuleVersion renamed =
        application.build(
            "app",
            1,
            Map.of(
                "demo.Service",
                """
                package demo;
                public final class Service {
                  static int invocations = 10;
                  public static String call() { invocations++; return "v1:" + invocations; }
                }
                """));

    PatchResult result = application.patchOrFail(renamed);

    assertThat(application.call("app", "demo.Service", "call")).isEqualTo("v1:11");
    assertThat(result.warnings())
        .anySatisfy(warning -> assertThat(warning).startsWith("demo.Service.calls is gone"))
        .anySatisfy(warning -> assertThat(warning).contains("static fields invocations"));
  }

  @Test
  void classObjectsAndEnumConstantsInStaticsMapToTheNewVersionsByName() {
    String registry =
        """
        package demo;
        public final class Registry {
          static Class<?> handler = Handler.class;
          static Mode mode = Mode.FAST;
          public static Object handler() { return handler; }
          public static Object mode() { return mode; }
          public static void slow() { mode = Mode.SLOW; }
        }
        """;
    application.start(
        application.build(
            "app",
            0,
            Map.of(
                "demo.Registry", registry,
                "demo.Handler", "package demo; public class Handler {}",
                "demo.Mode", "package demo; public enum Mode { SLOW, FAST }")));
    application.call("app", "demo.Registry", "handler");

    application.patchOrFail(
        application.build(
            "app",
            1,
            Map.of(
                "demo.Registry", registry,
                "demo.Handler", "package demo; public class Handler { int added; }",
                "demo.Mode", "package demo; public enum Mode { TURBO, FAST, SLOW }")));

    assertThat(application.call("app", "demo.Registry", "handler"))
        .isSameAs(application.load("app", "demo.Handler"));
    Object mode = application.call("app", "demo.Registry", "mode");
    assertThat(mode).isSameAs(application.load("app", "demo.Mode").getEnumConstants()[1]);
    assertThat(((Enum<?>) mode).ordinal()).isEqualTo(1);
  }

  @Test
  void threadLocalInAStaticKeepsTheValueOfEveryThread() throws Exception {
    String context =
        """
        package demo;
        public final class Context {
          static final ThreadLocal<String> USER = new ThreadLocal<>();
          public static void set(String user) { USER.set(user); }
          public static String get() { return "TAG:" + USER.get(); }
        }
        """;
    application.start(
        application.build("app", 0, Map.of("demo.Context", context.replace("TAG", "v0"))));
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      application.call("app", "demo.Context", "set", "main-user");
      worker.submit(() -> application.call("app", "demo.Context", "set", "worker-user")).get();

      application.patchOrFail(
          application.build("app", 1, Map.of("demo.Context", context.replace("TAG", "v1"))));

      assertThat(application.call("app", "demo.Context", "get")).isEqualTo("v1:main-user");
      assertThat(worker.submit(() -> application.call("app", "demo.Context", "get")).get())
          .isEqualTo("v1:worker-user");
    } finally {
      worker.shutdownNow();
      worker.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
