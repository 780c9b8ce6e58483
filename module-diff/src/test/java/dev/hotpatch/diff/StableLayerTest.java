package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.diff.testing.Builds;
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
