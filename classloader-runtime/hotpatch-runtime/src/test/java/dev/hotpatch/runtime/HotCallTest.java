package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.Hot;
import dev.hotpatch.HotSupplier;
import dev.hotpatch.runtime.callsite.MissingBodyException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Hot.call} runs the newest version of its body's code. */
class HotCallTest {
  /** Two lambdas javac names alike but for their number, which follows their order. */
  private static final String STORE =
      """
      package demo;
      import dev.hotpatch.HotSupplier;
      import java.util.List;
      public final class Store {
        public static List<HotSupplier<String>> make() {
          return List.of(FIRST, SECOND);
        }
      }
      """;

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

  private ModuleVersion store(int version, String first, String second) {
    return application.build(
        "app",
        version,
        Map.of("demo.Store", STORE.replace("FIRST", first).replace("SECOND", second)));
  }

  /** The lambda methods of {@code demo.Store} in its current version, in javac's numbering. */
  private List<String> lambdaMethods() {
    return Arrays.stream(application.load("app", "demo.Store").getDeclaredMethods())
        .map(Method::getName)
        .filter(name -> name.startsWith("lambda$"))
        .sorted()
        .toList();
  }

  @SuppressWarnings("unchecked")
  private List<HotSupplier<String>> made() {
    return (List<HotSupplier<String>>) application.call("app", "demo.Store", "make");
  }

  @Test
  void storedLambdaWhoseNumberChangedRunsItsOwnBodyNeverItsNeighbours() {
    application.start(store(0, "() -> \"alpha v0\"", "() -> \"beta v0\""));
    List<HotSupplier<String>> stored = made();
    List<String> before = lambdaMethods();
    assertThat(before).hasSize(2);

    // Swapped in the source: javac gives alpha's old number to beta and the other way round,
    // and module-diff, matching them by content, says so.
    ModuleVersion swapped = store(1, "() -> \"beta v1\"", "() -> \"alpha v1\"");
    PatchResult result =
        application.apply(
            List.of(
                ModulePatch.newLoader(
                    swapped,
                    Map.of(
                        "demo/Store." + before.get(0), "demo/Store." + before.get(1),
                        "demo/Store." + before.get(1), "demo/Store." + before.get(0)),
                    Set.of())));

    assertThat(result.ok()).as(result.error()).isTrue();
    assertThat(lambdaMethods()).isEqualTo(before);
    assertThat(Hot.call(stored.get(0))).isEqualTo("alpha v1");
    assertThat(Hot.call(stored.get(1))).isEqualTo("beta v1");
  }

  @Test
  void storedLambdaWhoseBodyWasRemovedFailsNamingItInsteadOfRunningANeighbour() {
    application.start(store(0, "() -> \"alpha v0\"", "() -> \"beta v0\""));
    List<HotSupplier<String>> stored = made();
    String alpha = lambdaMethods().get(0);

    PatchResult result =
        application.apply(
            List.of(
                ModulePatch.newLoader(
                    store(1, "() -> \"gamma v1\"", "() -> \"beta v1\""),
                    Map.of(),
                    Set.of("demo/Store." + alpha))));

    assertThat(result.ok()).as(result.error()).isTrue();
    assertThatThrownBy(() -> Hot.call(stored.get(0)))
        .isInstanceOf(MissingBodyException.class)
        .hasMessageContaining("demo.Store." + alpha)
        .hasMessageContaining("has nothing that matches it");
    assertThat(Hot.call(stored.get(1))).isEqualTo("beta v1");
  }

  @Test
  void oldCodeCallingHotCallRunsTheNewestBodyWithItsCapturedValues() {
    String greeter =
        """
        package demo;
        import dev.hotpatch.Hot;
        public final class Greeter {
          public static String greet(String name, int times) {
            return Hot.call(() -> "TAG " + name.repeat(times));
          }
        }
        """;
    application.start(
        application.build("app", 0, Map.of("demo.Greeter", greeter.replace("TAG", "v0"))));
    Class<?> original = application.load("app", "demo.Greeter");
    assertThat(Reflect.call(original, null, "greet", "ab", 2)).isEqualTo("v0 abab");

    application.patchOrFail(
        application.build("app", 1, Map.of("demo.Greeter", greeter.replace("TAG", "v1"))));
    application.patchOrFail(
        application.build("app", 2, Map.of("demo.Greeter", greeter.replace("TAG", "v2"))));

    assertThat(Reflect.call(original, null, "greet", "ab", 3)).isEqualTo("v2 ababab");
    assertThat(application.call("app", "demo.Greeter", "greet", "c", 1)).isEqualTo("v2 c");
  }

  @Test
  void siteThatSeesBodiesOfManyClassesRunsTheNewestCodeOfEach() {
    String runner =
        """
        package demo;
        import dev.hotpatch.Hot;
        import dev.hotpatch.HotSupplier;
        import java.util.ArrayList;
        import java.util.List;
        public final class Runner {
          static Object run(HotSupplier<?> body) { return Hot.call(body); }
          public static List<Object> all() {
            List<Object> results = new ArrayList<>();
            results.add(run(() -> "TAG a"));
            results.add(run(() -> "TAG b"));
            results.add(run(() -> "TAG c"));
            results.add(run(() -> "TAG d"));
            results.add(run(() -> "TAG e"));
            results.add(run(() -> "TAG f"));
            return results;
          }
        }
        """;
    application.start(
        application.build("app", 0, Map.of("demo.Runner", runner.replace("TAG", "v0"))));
    Class<?> original = application.load("app", "demo.Runner");
    assertThat(Reflect.call(original, null, "all"))
        .isEqualTo(List.of("v0 a", "v0 b", "v0 c", "v0 d", "v0 e", "v0 f"));

    application.patchOrFail(
        application.build("app", 1, Map.of("demo.Runner", runner.replace("TAG", "v1"))));

    assertThat(Reflect.call(original, null, "all"))
        .isEqualTo(List.of("v1 a", "v1 b", "v1 c", "v1 d", "v1 e", "v1 f"));
  }

  @Test
  void versionOfABodyIsThePatchThatLastReplacedItsCode() {
    String body =
        "package demo.core; public final class Core { public static int one() { return 1; } }";
    String app =
        """
        package demo.app;
        import dev.hotpatch.HotSupplier;
        public final class Bodies {
          public static HotSupplier<Integer> body() { return () -> demo.core.Core.one(); }
        }
        """;
    ModuleVersion core = application.build("core", 0, Map.of("demo.core.Core", body));
    application.start(
        core, application.build("app", 0, List.of("core"), Map.of("demo.app.Bodies", app)));
    Object lambda = application.call("app", "demo.app.Bodies", "body");
    assertThat(Hot.versionOf(lambda)).isZero();
    assertThat(Hot.version()).isZero();

    application.patchOrFail(application.build("core", 1, Map.of("demo.core.Core", body)));
    assertThat(Hot.versionOf(lambda)).isZero();
    assertThat(Hot.versionOf(application.load("core", "demo.core.Core"))).isEqualTo(1);

    application.patchOrFail(
        application.build("app", 1, List.of("core"), Map.of("demo.app.Bodies", app)));
    assertThat(Hot.versionOf(lambda)).isEqualTo(2);
    assertThat(Hot.version()).isEqualTo(2);
  }
}
