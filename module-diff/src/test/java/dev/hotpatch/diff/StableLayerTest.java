package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.diff.testing.Builds;
import dev.hotpatch.diff.testing.InMemoryCompiler;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StableLayerTest {
  @Test
  void holdsFacadesAndTheTypesTheirDeclarationsName() {
    Map<String, ModuleSnapshot> workspace =
        Builds.workspace(
            Builds.HOT_FACADE,
            """
            package lib;
            @dev.hotpatch.HotFacade
            public interface Api extends Named { Result call(Argument a); }
            """,
            """
            package lib;
            public interface Named { String name(); }
            """,
            """
            package lib;
            public record Result(Detail detail) {}
            """,
            """
            package lib;
            public record Detail(String text) {}
            """,
            """
            package lib;
            public record Argument(int value) {}
            """,
            """
            package lib;
            public class Impl implements Api {
              public String name() { return "impl"; }
              public Result call(Argument a) { return new Result(new Detail("x")); }
            }
            """);

    StableLayer layer = StableLayer.of(workspace);

    assertThat(layer.classesByModule())
        .containsExactly(
            Map.entry(
                "lib",
                java.util.Set.of(
                    "lib/Api", "lib/Argument", "lib/Detail", "lib/Named", "lib/Result")));
    assertThat(layer.reason("lib.Api")).hasValue("@HotFacade interface");
    assertThat(layer.reason("lib.Detail"))
        .hasValue("named by lib.Result, named by @HotFacade interface lib.Api");
    assertThat(layer.contains("lib", "lib.Impl")).isFalse();
  }

  @Test
  void aDerivedBuildHasTheStableLayerOfTheSameClassesReadAfresh() {
    Map<String, byte[]> before =
        lib(
            "@dev.hotpatch.HotFacade\npublic interface Api { Result call(); }",
            "public record Result(int value) {}",
            "public record Detail(String text) {}",
            "public class Impl implements Api { public Result call() { return new Result(1); } }");
    Map<String, byte[]> after =
        lib(
            "@dev.hotpatch.HotFacade\npublic interface Api { Detail call(); }",
            "public record Detail(String text) {}",
            "@dev.hotpatch.HotFacade\npublic interface Extra { Argument take(); }",
            "public record Argument(long value) {}",
            "public class Impl implements Api { public Detail call() { return null; } }");
    ModuleSnapshot first = ModuleSnapshot.of(before);
    StableLayer.of(Map.of("lib", first)); // the facts the derived build starts from
    Map<String, byte[]> changed = new java.util.HashMap<>(after);
    changed.keySet().removeIf(name -> java.util.Arrays.equals(after.get(name), before.get(name)));
    java.util.Set<String> removed = new java.util.HashSet<>(before.keySet());
    removed.removeAll(after.keySet());

    StableLayer derived = StableLayer.of(Map.of("lib", first.derive(changed, removed)));
    StableLayer fresh = StableLayer.of(Map.of("lib", ModuleSnapshot.of(after)));

    assertThat(derived.classesByModule())
        .isEqualTo(fresh.classesByModule())
        .containsExactly(
            Map.entry(
                "lib", java.util.Set.of("lib/Api", "lib/Argument", "lib/Detail", "lib/Extra")));
    for (String name : after.keySet()) {
      assertThat(derived.reason(name)).isEqualTo(fresh.reason(name));
    }
  }

  /** The classes of package {@code lib}, one top-level type per source, without hotpatch-api's. */
  private static Map<String, byte[]> lib(String... types) {
    String[] sources = new String[types.length + 1];
    sources[0] = Builds.HOT_FACADE;
    for (int i = 0; i < types.length; i++) {
      sources[i + 1] = "package lib;\n" + types[i] + "\n";
    }
    Map<String, byte[]> classes = new java.util.TreeMap<>(InMemoryCompiler.compile(sources));
    classes.keySet().removeIf(name -> name.startsWith("dev/hotpatch/"));
    return classes;
  }

  @Test
  void holdsHotValueTypesThatNoFacadeNames() {
    Map<String, ModuleSnapshot> workspace =
        Builds.workspace(
            Builds.HOT_VALUE,
            """
            package core;
            @dev.hotpatch.HotValue
            public record Money(long cents, Currency currency) {}
            """,
            """
            package core;
            public enum Currency { EUR, USD }
            """,
            """
            package core;
            public final class Ledger {}
            """);

    assertThat(StableLayer.of(workspace).classesOf("core"))
        .containsExactly("core/Currency", "core/Money");
  }

  @Test
  void followsDeclarationsIntoOtherModules() {
    Map<String, ModuleSnapshot> workspace =
        Builds.workspace(
            Builds.HOT_VALUE,
            """
            package core;
            public record Money(long cents) {}
            """,
            """
            package core;
            public final class Ledger {}
            """,
            """
            package lib;
            @dev.hotpatch.HotValue
            public record Quote(String sku, core.Money price) {}
            """);

    StableLayer layer = StableLayer.of(workspace);

    assertThat(layer.classesOf("core")).containsExactly("core/Money");
    assertThat(layer.contains("core", "core.Money")).isTrue();
    assertThat(layer.contains("lib", "core.Money")).isFalse();
    assertThat(layer.reason("core.Money")).hasValue("named by @HotValue lib.Quote");
  }

  @Test
  void ignoresWhatCodeUses() {
    Map<String, ModuleSnapshot> workspace =
        Builds.workspace(
            Builds.HOT_VALUE,
            """
            package core;
            public final class Ledger { public static long total() { return 1; } }
            """,
            """
            package lib;
            @dev.hotpatch.HotValue
            public record Quote(long cents) {
              public long withTotal() { return cents + core.Ledger.total(); }
            }
            """);

    assertThat(StableLayer.of(workspace).classesOf("core")).isEmpty();
  }
}
