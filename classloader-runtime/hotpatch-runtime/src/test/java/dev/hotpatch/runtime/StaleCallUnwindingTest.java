package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.Hot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code Hot.call} reached from code a patch replaced unwinds to an enclosing {@code Hot.call}
 * that runs its body again with the new code.
 *
 * <p>The module code logs what it runs into a list the test puts in the system properties (a JDK
 * object both sides see), and fires a hook the test puts there too: the hook applies a patch while
 * the old code is still running, as the patch thread would.
 */
class StaleCallUnwindingTest {
  private static final String JOURNAL =
      """
      package demo.app;
      import java.util.List;
      public final class Journal {
        @SuppressWarnings("unchecked")
        public static void log(String entry) {
          ((List<String>) System.getProperties().get("demo.journal")).add(entry);
        }
        public static void fireHook() {
          if (System.getProperties().get("demo.hook") instanceof Runnable hook) {
            hook.run();
          }
        }
      }
      """;

  private static final String OUTER =
      """
      package demo.app;
      import dev.hotpatch.Hot;
      public final class Outer {
        public static String run() {
          return Hot.call(() -> {
            Journal.log("outer TAG");
            return "outer TAG(" + Inner.run() + ")";
          });
        }
      }
      """;

  private static final String INNER =
      """
      package demo.app;
      import dev.hotpatch.Hot;
      public final class Inner {
        public static String run() {
          return Hot.call(() -> {
            Journal.log("inner TAG");
            Journal.fireHook();
            String leaf;
            try {
              leaf = Leaf.run();
            } catch (Exception e) {
              leaf = "swallowed " + e;
            }
            Journal.log("inner TAG done");
            return "inner TAG(" + leaf + ")";
          });
        }
      }
      """;

  private static final String LEAF =
      """
      package demo.app;
      import dev.hotpatch.Hot;
      public final class Leaf {
        public static String run() { return Hot.call(() -> "leaf TAG"); }
      }
      """;

  @TempDir Path folder;
  private TestApplication application;
  private final List<String> journal = new CopyOnWriteArrayList<>();

  @BeforeEach
  void create() {
    application = new TestApplication(folder);
    System.getProperties().put("demo.journal", journal);
  }

  @AfterEach
  void close() {
    System.getProperties().remove("demo.journal");
    System.getProperties().remove("demo.hook");
    application.close();
  }

  private ModuleVersion app(int version) {
    String tag = "v" + version;
    return application.build(
        "app",
        version,
        List.of("core"),
        Map.of(
            "demo.app.Journal", JOURNAL,
            "demo.app.Outer", OUTER.replace("TAG", tag),
            "demo.app.Inner", INNER.replace("TAG", tag),
            "demo.app.Leaf", LEAF.replace("TAG", tag)));
  }

  private ModuleVersion core() {
    return application.build(
        "core",
        0,
        Map.of(
            "demo.core.Host",
            """
            package demo.core;
            import dev.hotpatch.Hot;
            import java.util.List;
            import java.util.function.Supplier;
            public final class Host {
              @SuppressWarnings("unchecked")
              public static String host(Supplier<String> inner) {
                return Hot.call(() -> {
                  ((List<String>) System.getProperties().get("demo.journal")).add("host");
                  return "host[" + inner.get() + "]";
                });
              }
            }
            """));
  }

  /** Applies {@code patch} the first time the module code fires the hook. */
  private void patchOnFirstHook(ModuleVersion patch) {
    Runnable hook =
        () -> {
          if (System.getProperties().remove("demo.hook") != null) {
            application.patchOrFail(patch);
            journal.add("patched");
          }
        };
    System.getProperties().put("demo.hook", hook);
  }

  @Test
  void twoNestedLevelsChangingAtOnceUnwindOnceToTheOutermostCall() {
    application.start(core(), app(0));
    patchOnFirstHook(app(1));

    Object result = application.call("app", "demo.app.Outer", "run");

    assertThat(result).isEqualTo("outer v1(inner v1(leaf v1))");
    assertThat(journal)
        .containsExactly(
            "outer v0", "inner v0", "patched", "outer v1", "inner v1", "inner v1 done");
  }

  @Test
  void nestedStaleCallUnwindsToTheCurrentOuterCall() {
    application.start(core(), app(0));
    patchOnFirstHook(app(1));
    Supplier<String> inner = () -> (String) application.call("app", "demo.app.Inner", "run");

    Object result =
        Hot.call(
            () -> {
              journal.add("test body");
              return application.call("core", "demo.core.Host", "host", inner);
            });

    assertThat(result).isEqualTo("host[inner v1(leaf v1)]");
    // The test's own Hot.call ran once: the Host call inside it, in code no patch replaced, was the
    // nearest one to run again.
    assertThat(journal)
        .containsExactly(
            "test body", "host", "inner v0", "patched", "host", "inner v1", "inner v1 done");
  }

  @Test
  void bodyRunAgainThatReachesReplacedCodeOnceMoreRunsOnInsteadOfLooping() {
    application.start(core(), app(0));
    Class<?> oldLeaf = application.load("app", "demo.app.Leaf");
    // The new Outer reaches the old Leaf class through a reference the test holds: replaced code
    // that running the body again cannot avoid.
    Supplier<String> old = () -> (String) Reflect.call(oldLeaf, null, "run");
    System.getProperties().put("demo.old", old);
    ModuleVersion patch =
        application.build(
            "app",
            1,
            List.of("core"),
            Map.of(
                "demo.app.Journal",
                JOURNAL,
                "demo.app.Outer",
                """
                package demo.app;
                import dev.hotpatch.Hot;
                import java.util.function.Supplier;
                public final class Outer {
                  @SuppressWarnings("unchecked")
                  public static String run() {
                    return Hot.call(() -> {
                      Journal.log("outer v1");
                      Object old = System.getProperties().get("demo.old");
                      return "outer v1(" + ((Supplier<String>) old).get() + ")";
                    });
                  }
                }
                """,
                "demo.app.Inner",
                INNER.replace("TAG", "v1"),
                "demo.app.Leaf",
                LEAF.replace("TAG", "v1")));
    patchOnFirstHook(patch);

    Object result;
    try {
      result = application.call("app", "demo.app.Outer", "run");
    } finally {
      System.getProperties().remove("demo.old");
    }

    assertThat(result).isEqualTo("outer v1(leaf v1)");
    assertThat(journal).containsExactly("outer v0", "inner v0", "patched", "outer v1");
  }

  @Test
  void outermostCallTakesTheUnwindingWhateverTheApplicationCatches() {
    application.start(core(), app(0));
    patchOnFirstHook(app(1));

    Object result = application.call("app", "demo.app.Inner", "run");

    // Inner catches Exception around Leaf.run: the unwinding is an Error and passes it.
    assertThat(result).isEqualTo("inner v1(leaf v1)");
    assertThat(journal).containsExactly("inner v0", "patched", "inner v1", "inner v1 done");
  }
}
