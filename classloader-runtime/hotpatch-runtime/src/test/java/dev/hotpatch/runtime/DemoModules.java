package dev.hotpatch.runtime;

import java.util.List;
import java.util.Map;

/**
 * Sources of a three-module demo workspace, core &lt;- lib &lt;- app. Every body puts its module
 * and version ({@code core1}) into its answer, so a test sees which version ran.
 */
public final class DemoModules {
  /**
   * A new static field for {@code Counter} whose initializer fails: a new static makes the static
   * initializer run again.
   */
  public static final String COUNTER_FAILS =
      """
      private static final Object CONFIG = readConfig();
      private static Object readConfig() {
        throw new IllegalStateException("config broken");
      }
      """;

  private static final String GREETING =
      """
      package demo.core;
      public final class Greeting {
        public static String text() { return "TAG"; }
      }
      """;

  private static final String COUNTER =
      """
      package demo.core;
      import java.util.ArrayList;
      import java.util.List;
      public final class Counter {
        private static TYPE count;
        public static final List<String> SEEN = new ArrayList<>();
        EXTRA
        public static TYPE increment() { return ++count; }
      }
      """;

  private static final String NOISY =
      """
      package demo.core;
      public final class Noisy {
        static { System.setProperty("demo.noisy", "TAG"); }
        public static void touch() {}
      }
      """;

  private static final String GREETER =
      """
      package demo.core;
      public interface Greeter {
        String greet(String name);
      }
      """;

  private static final String DESCRIBER =
      """
      package demo.lib;
      public final class Describer {
        public static String describe() { return "TAG(" + demo.core.Greeting.text() + ")"; }
      }
      """;

  private static final String APP =
      """
      package demo.app;
      import dev.hotpatch.Hot;
      import demo.core.Counter;
      public final class App {
        public static String greet() {
          return Hot.call(() -> "TAG:" + demo.lib.Describer.describe());
        }
        public static Object count() {
          return Hot.call(() -> Counter.increment());
        }
        public static String remember(String item) {
          return Hot.call(() -> {
            Counter.SEEN.add(item);
            return String.join(",", Counter.SEEN);
          });
        }
        public static String byReference() {
          return Hot.call(demo.core.Greeting::text);
        }
        public static void mark() {
          Hot.call(() -> { System.setProperty("demo.app.mark", "TAG"); });
        }
      }
      """;

  private static final String WIDGET =
      """
      package demo.app;
      import dev.hotpatch.Hot;
      public final class Widget {
        private final String name;
        public Widget() { name = "widget"; }
        public String render() { return Hot.call(() -> "TAG:" + name); }
      }
      """;

  private static final String POLITE_GREETER =
      """
      package demo.app;
      public final class PoliteGreeter implements demo.core.Greeter {
        public String greet(String name) { return "TAG greets " + name; }
      }
      """;

  private final TestWorkspace workspace;

  public DemoModules(TestWorkspace workspace) {
    this.workspace = workspace;
  }

  public ModuleVersion core(int version) {
    return core(version, "int", "");
  }

  /** core, with the type of {@code Counter.count} and extra members of {@code Counter}. */
  public ModuleVersion core(int version, String counterType, String counterExtra) {
    String tag = "core" + version;
    return workspace.module(
        "core",
        version,
        List.of(),
        Map.of(
            "demo.core.Greeting", GREETING.replace("TAG", tag),
            "demo.core.Counter",
                COUNTER.replace("TYPE", counterType).replace("EXTRA", counterExtra),
            "demo.core.Noisy", NOISY.replace("TAG", tag),
            "demo.core.Greeter", GREETER),
        Map.of("config.txt", tag, "demo/core/core-only.txt", tag));
  }

  public ModuleVersion lib(int version) {
    String tag = "lib" + version;
    return workspace.module(
        "lib",
        version,
        List.of("core"),
        Map.of("demo.lib.Describer", DESCRIBER.replace("TAG", tag)),
        Map.of("config.txt", tag));
  }

  public ModuleVersion app(int version) {
    return app(version, APP.replace("TAG", "app" + version));
  }

  /** app, with {@code appSource} as the source of its class {@code demo.app.App}. */
  public ModuleVersion app(int version, String appSource) {
    String tag = "app" + version;
    return workspace.module(
        "app",
        version,
        List.of("lib", "core"),
        Map.of(
            "demo.app.App", appSource,
            "demo.app.Widget", WIDGET.replace("TAG", tag),
            "demo.app.PoliteGreeter", POLITE_GREETER.replace("TAG", tag)),
        Map.of(
            "config.txt", tag, "META-INF/services/demo.core.Greeter", "demo.app.PoliteGreeter\n"));
  }
}
