package dev.hotpatch.runtime;

import static dev.hotpatch.runtime.Reflect.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.Hot;
import dev.hotpatch.runtime.loader.StableLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library that declares a facade next to its implementation, patched under its callers. */
class StableLayerTest {
  private static final String COUNTER =
      """
      package demo.lib;
      @dev.hotpatch.HotFacade
      public interface Counter { Reading next(); }
      """;
  private static final String READING =
      "package demo.lib; @dev.hotpatch.HotValue public record Reading(String text, int count) {}";
  private static final String IMPL =
      """
      package demo.lib;
      public final class CountingImpl implements Counter {
        int count;
        FIELDS
        public Reading next() { return new Reading(BODY, ++count); }
      }
      """;
  private static final String APP =
      """
      package demo.app;
      import demo.lib.Counter;
      public final class Main {
        static final Counter COUNTER = dev.hotpatch.Hot.facade(Counter.class);
        public static String tick() {
          demo.lib.Reading reading = COUNTER.next();
          return reading.text() + reading.count();
        }
      }
      """;

  @TempDir Path folder;
  private TestApplication application;

  @BeforeEach
  void start() {
    application = new TestApplication(folder);
    application.start(lib(0, "", "\"v0:\""), app());
  }

  @AfterEach
  void stop() {
    application.close();
  }

  private ModuleVersion lib(int version, String fields, String body) {
    return application
        .workspace()
        .module(
            "lib",
            version,
            List.of(),
            Map.of(
                "demo.lib.Counter",
                COUNTER,
                "demo.lib.Reading",
                READING,
                "demo.lib.CountingImpl",
                IMPL.replace("FIELDS", fields).replace("BODY", body)),
            Map.of("META-INF/services/demo.lib.Counter", "demo.lib.CountingImpl\n"));
  }

  private ModuleVersion app() {
    return application.build("app", 0, List.of("lib"), Map.of("demo.app.Main", APP));
  }

  @Test
  void everyVersionOfAModuleSeesTheOneInterfaceOfTheStableLayer() {
    Class<?> before = application.load("lib", "demo.lib.Counter");
    Class<?> seenByApp = application.load("app", "demo.lib.Counter");

    application.patchOrFail(lib(1, "", "\"v1:\""));

    Class<?> after = application.load("lib", "demo.lib.Counter");
    assertThat(before.getClassLoader()).isInstanceOf(StableLoader.class);
    assertThat(after).isSameAs(before).isSameAs(seenByApp);
    assertThat(application.load("lib", "demo.lib.Reading").getClassLoader())
        .isSameAs(before.getClassLoader());
    assertThat(application.load("lib", "demo.lib.CountingImpl").getClassLoader())
        .hasToString("module lib@v1");
  }

  @Test
  void aStructuralPatchOfTheImplementationReachesCallersThatHoldTheFacadeWithItsStateKept() {
    assertThat(application.call("app", "demo.app.Main", "tick")).isEqualTo("v0:1");
    assertThat(application.call("app", "demo.app.Main", "tick")).isEqualTo("v0:2");
    ClassLoader appLoader = application.runtime().loader("app");

    // An added field starts at its default (0); the existing count is carried.
    application.patchOrFail(lib(1, "int calls;", "\"v1+\" + (++calls) + \":\""));

    // The app module keeps its loader and its facade: only lib was reloaded.
    assertThat(application.runtime().loader("app")).isSameAs(appLoader);
    assertThat(application.call("app", "demo.app.Main", "tick")).isEqualTo("v1+1:3");
    Class<?> counter = application.load("app", "demo.lib.Counter");
    assertThat(Hot.versionOf(Hot.facade(counter))).isEqualTo(1);
    assertThat(call(counter, Hot.facade(counter), "next").toString()).contains("count=4");
  }
}
