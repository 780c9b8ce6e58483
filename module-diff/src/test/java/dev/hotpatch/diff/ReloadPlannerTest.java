package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.diff.PlannedModule.Strategy;
import dev.hotpatch.diff.testing.Builds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReloadPlannerTest {
  private static final String UTIL =
      """
      package core;
      public class Util { public static int twice(int x) { return 2 * x; } }
      """;
  private static final String UTIL_BODY =
      """
      package core;
      public class Util { public static int twice(int x) { return x + x; } }
      """;
  private static final String UTIL_FIELD =
      """
      package core;
      public class Util {
        static int calls;
        public static int twice(int x) { calls++; return 2 * x; }
      }
      """;
  private static final String GREETER =
      """
      package lib;
      public class Greeter { public String greet() { return "hi " + core.Util.twice(1); } }
      """;
  private static final String MAIN =
      """
      package app;
      public class Main {
        public static void main(String[] args) { System.out.println(new lib.Greeter().greet()); }
      }
      """;

  private static final WorkspaceGraph CHAIN =
      WorkspaceGraph.of(
          linked("core", List.of(), "lib", List.of("core"), "app", List.of("lib", "core")));

  @Test
  void structuralChangeReloadsEveryModuleThatReferencesAReloadedOne() {
    ReloadPlan plan = plan(CHAIN, List.of(UTIL, GREETER, MAIN), List.of(UTIL_FIELD, GREETER, MAIN));

    assertThat(plan.modules())
        .containsExactly(
            new PlannedModule("core", Strategy.NEW_LOADER, "changed: core.Util (structural)"),
            new PlannedModule("lib", Strategy.NEW_LOADER, "lib references core.Util#twice(int)"),
            new PlannedModule("app", Strategy.NEW_LOADER, "app references lib.Greeter#greet()"));
    assertThat(plan.restartRequired()).isEmpty();
    assertThat(plan.summary())
        .isEqualTo(
            "reload core (new-loader): changed: core.Util (structural)\n"
                + "reload lib (new-loader): lib references core.Util#twice(int)\n"
                + "reload app (new-loader): app references lib.Greeter#greet()");
  }

  @Test
  void bodyOnlyChangeIsRedefinedInPlaceWithoutDependents() {
    ReloadPlan plan = plan(CHAIN, List.of(UTIL, GREETER, MAIN), List.of(UTIL_BODY, GREETER, MAIN));

    assertThat(plan.modules())
        .containsExactly(
            new PlannedModule("core", Strategy.IN_PLACE, "changed: core.Util (body-only)"));
  }

  @Test
  void withoutInPlaceABodyOnlyChangeTakesItsDependentsIntoNewLoaders() {
    Map<String, ModuleSnapshot> old = Builds.workspace(UTIL, GREETER, MAIN);
    Map<String, ModuleSnapshot> neu = Builds.workspace(UTIL_BODY, GREETER, MAIN);
    Map<String, ModuleDiff> diffs = new HashMap<>();
    neu.forEach(
        (module, snapshot) -> diffs.put(module, ModuleDiff.compare(old.get(module), snapshot)));

    ReloadPlan plan = ReloadPlanner.plan(CHAIN, diffs, neu, LibraryChange.none(), false);

    assertThat(plan.modules())
        .extracting(PlannedModule::name, PlannedModule::strategy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("core", Strategy.NEW_LOADER),
            org.assertj.core.groups.Tuple.tuple("lib", Strategy.NEW_LOADER),
            org.assertj.core.groups.Tuple.tuple("app", Strategy.NEW_LOADER));
  }

  @Test
  void diamondReloadsOnlyTheSideThatReferencesTheChangedModule() {
    String left =
        """
        package left;
        public class Left { public static int run() { return core.Util.twice(2); } }
        """;
    String right =
        """
        package right;
        public class Right { public static int run() { return 7; } }
        """;
    String app =
        """
        package app;
        public class Main { int run() { return left.Left.run() + right.Right.run(); } }
        """;
    WorkspaceGraph diamond =
        WorkspaceGraph.of(
            linked(
                "core", List.of(),
                "left", List.of("core"),
                "right", List.of("core"),
                "app", List.of("left", "right")));

    ReloadPlan plan =
        plan(diamond, List.of(UTIL, left, right, app), List.of(UTIL_FIELD, left, right, app));

    assertThat(plan.modules())
        .extracting(PlannedModule::name)
        .containsExactly("core", "left", "app");
    assertThat(plan.modules().get(2).reason()).isEqualTo("app references left.Left#run()");
  }

  private static final String API =
      """
      package lib;
      @dev.hotpatch.HotFacade
      public interface GreeterApi { Greeting greet(String name); }
      """;
  private static final String GREETING =
      """
      package lib;
      public record Greeting(String text) {}
      """;
  private static final String IMPL =
      """
      package lib;
      public class GreeterImpl implements GreeterApi {
        public Greeting greet(String name) { return new Greeting("hi " + name); }
      }
      """;
  private static final String IMPL_FIELD =
      """
      package lib;
      public class GreeterImpl implements GreeterApi {
        int calls;
        public Greeting greet(String name) { calls++; return new Greeting("hi " + name); }
      }
      """;
  private static final String FACADE_USER =
      """
      package app;
      public class Main { static String run(lib.GreeterApi api) { return api.greet("x").text(); } }
      """;
  private static final WorkspaceGraph LIB_APP =
      WorkspaceGraph.of(linked("lib", List.of(), "app", List.of("lib")));

  @Test
  void moduleReachingTheChangedOneOnlyThroughAFacadeIsNotReloaded() {
    ReloadPlan plan =
        plan(
            LIB_APP,
            List.of(Builds.HOT_FACADE, API, GREETING, IMPL, FACADE_USER),
            List.of(Builds.HOT_FACADE, API, GREETING, IMPL_FIELD, FACADE_USER));

    assertThat(plan.modules())
        .containsExactly(
            new PlannedModule("lib", Strategy.NEW_LOADER, "changed: lib.GreeterImpl (structural)"));
    assertThat(plan.restartRequired()).isEmpty();
  }

  @Test
  void moduleThatAlsoUsesTheImplementationIsReloaded() {
    String user =
        """
        package app;
        public class Main { static Object run() { return new lib.GreeterImpl().greet("x"); } }
        """;

    ReloadPlan plan =
        plan(
            LIB_APP,
            List.of(Builds.HOT_FACADE, API, GREETING, IMPL, user),
            List.of(Builds.HOT_FACADE, API, GREETING, IMPL_FIELD, user));

    assertThat(plan.modules()).extracting(PlannedModule::name).containsExactly("lib", "app");
    assertThat(plan.modules().get(1).reason()).startsWith("app references lib.GreeterImpl");
  }

  @Test
  void changedFacadeInterfaceRequiresARestart() {
    String widerApi =
        """
        package lib;
        @dev.hotpatch.HotFacade
        public interface GreeterApi {
          Greeting greet(String name);
          default Greeting wave() { return greet("wave"); }
        }
        """;

    ReloadPlan plan =
        plan(
            LIB_APP,
            List.of(Builds.HOT_FACADE, API, GREETING, IMPL, FACADE_USER),
            List.of(Builds.HOT_FACADE, widerApi, GREETING, IMPL, FACADE_USER));

    assertThat(plan.restartRequired())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("@HotFacade interface lib.GreeterApi of module lib changed")
                    .contains("method added: wave()")
                    .contains("restart"));
  }

  @Test
  void changedTypeNamedByAFacadeRequiresARestart() {
    String widerGreeting =
        """
        package lib;
        public record Greeting(String text, int volume) {}
        """;
    String impl =
        """
        package lib;
        public class GreeterImpl implements GreeterApi {
          public Greeting greet(String name) { return new Greeting("hi " + name, 1); }
        }
        """;

    ReloadPlan plan =
        plan(
            LIB_APP,
            List.of(Builds.HOT_FACADE, API, GREETING, IMPL, FACADE_USER),
            List.of(Builds.HOT_FACADE, API, widerGreeting, impl, FACADE_USER));

    assertThat(plan.restartReasons())
        .singleElement()
        .asString()
        .startsWith(
            "lib.Greeting of module lib, a stable-layer class (named by @HotFacade interface"
                + " lib.GreeterApi), changed (");
  }

  @Test
  void changedClassNamedByAHotValueOfAnotherModuleRequiresARestart() {
    String money =
        """
        package core;
        public record Money(long cents) {}
        """;
    String widerMoney =
        """
        package core;
        public record Money(long cents, String currency) {}
        """;
    String quote =
        """
        package lib;
        @dev.hotpatch.HotValue
        public record Quote(String sku, core.Money price) {}
        """;
    WorkspaceGraph graph = WorkspaceGraph.of(linked("core", List.of(), "lib", List.of("core")));

    ReloadPlan plan =
        plan(
            graph,
            List.of(Builds.HOT_VALUE, money, quote),
            List.of(Builds.HOT_VALUE, widerMoney, quote));

    assertThat(plan.restartReasons())
        .singleElement()
        .asString()
        .startsWith(
            "core.Money of module core, a stable-layer class (named by @HotValue lib.Quote),"
                + " changed (");
  }

  @Test
  void changedThirdPartyDependenciesRequireARestart() {
    Map<String, ModuleSnapshot> current = Builds.workspace(UTIL, GREETER, MAIN);

    ReloadPlan plan =
        ReloadPlanner.plan(
            CHAIN,
            Map.of(),
            current,
            new LibraryChange(List.of("com.google.guava:guava:33.0.0-jre"), List.of()));

    assertThat(plan.restartRequired())
        .hasValue("third-party dependencies changed (added: com.google.guava:guava:33.0.0-jre)");
    assertThat(plan.modules()).isEmpty();
  }

  @Test
  void changedConstantClassReloadsTheModuleThatInlinedIt() {
    String config =
        """
        package lib;
        public class Config { public static final String GREETING = "hi"; }
        """;
    String changed =
        """
        package lib;
        public class Config { public static final String GREETING = "hello"; }
        """;
    String user =
        """
        package app;
        public class Main { static String greeting() { return lib.Config.GREETING; } }
        """;

    Map<String, ModuleSnapshot> before = Builds.workspace(config, user);
    ModuleSnapshot lib = Builds.workspace(changed).get("lib");
    Map<String, ModuleSnapshot> current = Map.of("lib", lib, "app", before.get("app"));

    ReloadPlan plan =
        ReloadPlanner.plan(
            LIB_APP, Map.of("lib", ModuleDiff.compare(before.get("lib"), lib)), current);

    // javac copied "hi" into app, leaving only a class entry for lib.Config behind.
    assertThat(plan.modules())
        .extracting(PlannedModule::reason)
        .containsExactly(
            "changed: lib.Config (structural)", "app references lib.Config (constant pool)");
  }

  @Test
  void moduleWithoutSnapshotIsReloadedWithAWarning() {
    Map<String, ModuleSnapshot> before = Builds.workspace(UTIL, GREETER, MAIN);
    Map<String, ModuleSnapshot> after = Builds.workspace(UTIL_FIELD, GREETER, MAIN);
    Map<String, ModuleSnapshot> current = new HashMap<>(after);
    current.remove("app");

    ReloadPlan plan =
        ReloadPlanner.plan(
            CHAIN,
            Map.of("core", ModuleDiff.compare(before.get("core"), after.get("core"))),
            current);

    assertThat(plan.modules())
        .extracting(PlannedModule::name)
        .containsExactly("core", "lib", "app");
    assertThat(plan.warnings()).singleElement().asString().startsWith("app: no class snapshot");
  }

  @Test
  void dependentOfAModuleWithoutSnapshotIsReloadedToo() {
    Map<String, ModuleSnapshot> before = Builds.workspace(UTIL, GREETER, MAIN);
    Map<String, ModuleSnapshot> after = Builds.workspace(UTIL_FIELD, GREETER, MAIN);
    Map<String, ModuleSnapshot> current = new HashMap<>(after);
    current.remove("lib");

    ReloadPlan plan =
        ReloadPlanner.plan(
            CHAIN,
            Map.of("core", ModuleDiff.compare(before.get("core"), after.get("core"))),
            current);

    assertThat(plan.modules())
        .extracting(PlannedModule::reason)
        .containsExactly(
            "changed: core.Util (structural)",
            "lib depends on core (no snapshot to check its references)",
            "app depends on lib (no snapshot of its classes)");
  }

  @Test
  void diffForAModuleOutsideTheGraphIsRejected() {
    Map<String, ModuleSnapshot> current = Builds.workspace(UTIL, GREETER, MAIN);
    ModuleDiff empty = ModuleDiff.compare(current.get("core"), current.get("core"));

    assertThatThrownBy(() -> ReloadPlanner.plan(CHAIN, Map.of("ghost", empty), current))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ghost");
  }

  @Test
  void nothingChangedPlansNothing() {
    Map<String, ModuleSnapshot> current = Builds.workspace(UTIL, GREETER, MAIN);
    ModuleDiff empty = ModuleDiff.compare(current.get("core"), current.get("core"));

    ReloadPlan plan = ReloadPlanner.plan(CHAIN, Map.of("core", empty), current);

    assertThat(plan.modules()).isEmpty();
    assertThat(plan.summary()).isEqualTo("nothing to reload");
  }

  /** Diffs every module of two builds of a workspace and plans with the new build as current. */
  private static ReloadPlan plan(WorkspaceGraph graph, List<String> before, List<String> after) {
    Map<String, ModuleSnapshot> old = Builds.workspace(before.toArray(String[]::new));
    Map<String, ModuleSnapshot> neu = Builds.workspace(after.toArray(String[]::new));
    Map<String, ModuleDiff> diffs = new HashMap<>();
    neu.forEach(
        (module, snapshot) -> diffs.put(module, ModuleDiff.compare(old.get(module), snapshot)));
    return ReloadPlanner.plan(graph, diffs, neu);
  }

  private static Map<String, List<String>> linked(Object... moduleThenDependencies) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < moduleThenDependencies.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> deps = new ArrayList<>((List<String>) moduleThenDependencies[i + 1]);
      out.put((String) moduleThenDependencies[i], deps);
    }
    return out;
  }
}
