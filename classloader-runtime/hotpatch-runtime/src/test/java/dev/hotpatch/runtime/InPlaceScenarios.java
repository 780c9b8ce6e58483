package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.Hot;
import dev.hotpatch.runtime.boot.Agent;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In-place patches, run by {@link InPlacePatchTest} in a JVM started with the hotpatch agent: each
 * method is one scenario.
 */
final class InPlaceScenarios {
  private static final String GREETER =
      """
      package demo;
      public final class Greeter {
        int greeted;
        public String greet(String name) { greeted++; return "TAG " + name + " #" + greeted; }
        EXTRA
      }
      """;

  private static final String LATER =
      """
      package demo;
      public final class Later { public static String text() { return "later TAG"; } }
      """;

  private InPlaceScenarios() {}

  private static ModuleVersion app(TestApplication application, int version, String greeting) {
    return app(application, version, greeting, "");
  }

  private static ModuleVersion app(
      TestApplication application, int version, String greeting, String extra) {
    return application.build(
        "app",
        version,
        Map.of(
            "demo.Greeter", GREETER.replace("TAG", greeting).replace("EXTRA", extra),
            "demo.Later", LATER.replace("TAG", "v" + version)));
  }

  private static Instrumentation agent() {
    Instrumentation instrumentation = Agent.instrumentation();
    assertThat(instrumentation).as("the JVM runs with the hotpatch agent").isNotNull();
    return instrumentation;
  }

  private static List<ModulePatch> inPlace(ModuleVersion module, String... classes) {
    return List.of(ModulePatch.inPlace(module, Set.of(classes)));
  }

  static void liveObjectRunsTheNewBodyWithoutANewLoader(Path folder) {
    try (TestApplication application = new TestApplication(folder)) {
      application.start(agent(), app(application, 0, "hello"));
      ClassLoader loader = application.runtime().loader("app");
      Object greeter = Reflect.newInstance(loader, "demo.Greeter");
      assertThat(Reflect.call(greeter.getClass(), greeter, "greet", "Ada"))
          .isEqualTo("hello Ada #1");

      PatchResult result = application.apply(inPlace(app(application, 1, "hi"), "demo.Greeter"));

      assertThat(result.ok()).as(result.error()).isTrue();
      assertThat(application.runtime().loader("app")).isSameAs(loader);
      assertThat(Reflect.call(greeter.getClass(), greeter, "greet", "Ada")).isEqualTo("hi Ada #2");
      assertThat(application.runtime().version()).isEqualTo(1);
      assertThat(Hot.versionOf(greeter)).isEqualTo(1);
      assertThat(application.runtime().modules())
          .extracting(ModuleVersion::label)
          .containsExactly("app@v1");
    }
  }

  static void classNotLoadedYetComesFromTheNewBuildWhenFirstLoaded(Path folder) {
    try (TestApplication application = new TestApplication(folder)) {
      application.start(agent(), app(application, 0, "hello"));
      Reflect.newInstance(application.runtime().loader("app"), "demo.Greeter");

      PatchResult result =
          application.apply(inPlace(app(application, 1, "hi"), "demo.Greeter", "demo.Later"));

      assertThat(result.ok()).as(result.error()).isTrue();
      assertThat(application.call("app", "demo.Later", "text")).isEqualTo("later v1");
    }
  }

  static void changeThatIsNotBodyOnlyFailsNamingTheClassAndChangesNothing(Path folder) {
    try (TestApplication application = new TestApplication(folder)) {
      application.start(agent(), app(application, 0, "hello"));
      Object greeter = Reflect.newInstance(application.runtime().loader("app"), "demo.Greeter");

      PatchResult result =
          application.apply(
              inPlace(
                  app(application, 1, "hi", "public int extra() { return 1; }"), "demo.Greeter"));

      assertThat(result.ok()).isFalse();
      assertThat(result.retryAsNewLoader()).isTrue();
      assertThat(result.error())
          .isEqualTo(
              "Cannot patch demo.Greeter of app@v1 in place: method extra()I was added, and a class"
                  + " can only have its method bodies replaced in place. Send the module as"
                  + " new-loader.");
      assertThat(Reflect.call(greeter.getClass(), greeter, "greet", "Ada"))
          .isEqualTo("hello Ada #1");
      assertThat(application.runtime().version()).isZero();
      assertThat(application.call("app", "demo.Later", "text")).isEqualTo("later v0");
    }
  }

  static void olderVersionThatHoldsTheClassRunsTheNewBodyToo(Path folder) {
    try (TestApplication application = new TestApplication(folder)) {
      application.start(agent(), app(application, 0, "hello"));
      Object first = Reflect.newInstance(application.runtime().loader("app"), "demo.Greeter");
      application.patchOrFail(app(application, 1, "hey"));
      Object second = Reflect.newInstance(application.runtime().loader("app"), "demo.Greeter");
      assertThat(Reflect.call(first.getClass(), first, "greet", "Ada")).isEqualTo("hello Ada #1");

      PatchResult result = application.apply(inPlace(app(application, 2, "hi"), "demo.Greeter"));

      assertThat(result.ok()).as(result.error()).isTrue();
      assertThat(Reflect.call(first.getClass(), first, "greet", "Ada")).isEqualTo("hi Ada #2");
      assertThat(Reflect.call(second.getClass(), second, "greet", "Bo")).isEqualTo("hi Bo #1");
    }
  }
}
