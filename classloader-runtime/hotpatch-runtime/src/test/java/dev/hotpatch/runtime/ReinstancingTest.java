package dev.hotpatch.runtime;

import static dev.hotpatch.runtime.Reflect.call;
import static dev.hotpatch.runtime.Reflect.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.Hot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects of reloaded classes become objects of the new classes. */
class ReinstancingTest {
  private static final String NODE =
      """
      package demo;
      import java.util.ArrayList;
      import java.util.List;
      public class Node {
        final String name;
        Node next;
        final List<Node> children = new ArrayList<>();
        Node[] slots = new Node[2];
        FIELDS
        public Node(String name) { this.name = name; }
        public String describe() { return "TAG:" + name; }
      }
      """;

  private static final String GRAPH =
      """
      package demo;
      import java.util.HashMap;
      import java.util.Map;
      public final class Graph {
        static Node root;
        static Node alias;
        static Map<String, Node> index = new HashMap<>();
        public static void build() {
          Node a = new Node("a");
          Node b = new Node("b");
          a.next = b;
          b.next = a;
          a.children.add(b);
          a.children.add(a);
          a.slots[0] = b;
          index.put("a", a);
          index.put("b", b);
          root = a;
          alias = a;
        }
        public static Object root() { return root; }
        public static Object alias() { return alias; }
        public static Object indexed(String name) { return index.get(name); }
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

  private ModuleVersion graph(int version, String nodeFields) {
    return application.build(
        "app",
        version,
        Map.of(
            "demo.Node",
            NODE.replace("TAG", "v" + version).replace("FIELDS", nodeFields),
            "demo.Graph",
            GRAPH));
  }

  @Test
  @SuppressWarnings("unchecked")
  void reinstancedGraphKeepsIdentityAndCycles() {
    application.start(graph(0, ""));
    application.call("app", "demo.Graph", "build");
    Object oldRoot = application.call("app", "demo.Graph", "root");

    application.patchOrFail(graph(1, "int weight;"));

    Object root = application.call("app", "demo.Graph", "root");
    Class<?> node = application.load("app", "demo.Node");
    assertThat(root).isInstanceOf(node).isNotSameAs(oldRoot);
    assertThat(call(node, root, "describe")).isEqualTo("v1:a");
    Object b = read(root, "next");
    assertThat(b).isInstanceOf(node);
    assertThat(read(b, "next")).isSameAs(root);
    assertThat((List<Object>) read(root, "children")).containsExactly(b, root);
    assertThat(((Object[]) read(root, "slots"))[0]).isSameAs(b);
    assertThat(read(root, "slots").getClass().getComponentType()).isSameAs(node);
    assertThat(application.call("app", "demo.Graph", "alias")).isSameAs(root);
    assertThat(application.call("app", "demo.Graph", "indexed", "a")).isSameAs(root);
    assertThat(application.call("app", "demo.Graph", "indexed", "b")).isSameAs(b);
    assertThat(read(root, "weight")).isEqualTo(0);
    assertThat(read(oldRoot, "next")).isNotInstanceOf(node);
  }

  @Test
  void fieldWhoseTypeBecameIncompatibleIsResetWithAWarningAndRemovedFieldsAreDropped() {
    application.start(graph(0, "String note = \"kept\"; String gone = \"x\";"));
    application.call("app", "demo.Graph", "build");

    PatchResult result = application.patchOrFail(graph(1, "int note;"));

    Object root = application.call("app", "demo.Graph", "root");
    assertThat(read(root, "note")).isEqualTo(0);
    assertThat(read(root, "name")).isEqualTo("a");
    assertThat(result.warnings())
        .containsExactly(
            "demo.Node.note was reset: its type changed from java.lang.String to int.");
  }

  @Test
  void recordIsReinstancedThroughItsCanonicalConstructor() {
    String holder =
        """
        package demo;
        public final class Holder {
          static Point point = new Point(3, 4);
          public static Object point() { return point; }
        }
        """;
    application.start(
        application.build(
            "app",
            0,
            Map.of(
                "demo.Holder",
                holder,
                "demo.Point",
                "package demo; public record Point(int x, int y) {}")));
    application.call("app", "demo.Holder", "point");

    application.patchOrFail(
        application.build(
            "app",
            1,
            Map.of(
                "demo.Holder",
                holder,
                "demo.Point",
                """
                package demo;
                public record Point(int x, int y, String label) {
                  public Point { label = label == null ? "made by the constructor" : label; }
                  public Point(int x, int y) { this(x, y, "made for a new point"); }
                }
                """)));

    Object point = application.call("app", "demo.Holder", "point");
    assertThat(point).isInstanceOf(application.load("app", "demo.Point"));
    assertThat(point).hasToString("Point[x=3, y=4, label=made by the constructor]");
  }

  @Test
  void innerObjectIsReinstancedWithItsOuterInstance() {
    String outer =
        """
        package demo;
        public final class Outer {
          String tag = "outer state";
          public final class Inner {
            public String read() { return "TAG:" + tag; }
          }
          static Inner inner = new Outer().new Inner();
          public static String readInner() { return inner.read(); }
        }
        """;
    application.start(
        application.build("app", 0, Map.of("demo.Outer", outer.replace("TAG", "v0"))));
    assertThat(application.call("app", "demo.Outer", "readInner")).isEqualTo("v0:outer state");

    application.patchOrFail(
        application.build("app", 1, Map.of("demo.Outer", outer.replace("TAG", "v1"))));

    assertThat(application.call("app", "demo.Outer", "readInner")).isEqualTo("v1:outer state");
  }

  @Test
  void anonymousObjectIsReinstancedAsTheClassTheDiffMatchedIt() {
    application.start(
        application.build(
            "app",
            0,
            Map.of(
                "demo.Anon",
                """
                package demo;
                public final class Anon {
                  static Object counter = new Object() {
                    int hits = 5;
                    @Override public String toString() { return "counter v0, hits " + hits; }
                  };
                  public static String show() { return counter.toString(); }
                }
                """)));
    application.call("app", "demo.Anon", "show");

    // A new anonymous class comes first now: javac names it Anon$1, and the counter Anon$2.
    PatchResult result =
        application.apply(
            List.of(
                ModulePatch.newLoader(
                    application.build(
                        "app",
                        1,
                        Map.of(
                            "demo.Anon",
                            """
                            package demo;
                            public final class Anon {
                              static Runnable greeter = new Runnable() {
                                public void run() {}
                                @Override public String toString() { return "the greeter"; }
                              };
                              static Object counter = new Object() {
                                int hits;
                                @Override public String toString() {
                                  return "counter v1, hits " + hits;
                                }
                              };
                              public static String show() { return counter.toString(); }
                            }
                            """)),
                    Map.of("demo/Anon$1", "demo/Anon$2"),
                    Set.of())));

    assertThat(result.ok()).as(result.error()).isTrue();
    assertThat(application.call("app", "demo.Anon", "show")).isEqualTo("counter v1, hits 5");
  }

  @Test
  void capturedObjectIsReinstancedOnceAndKeepsItsStateAcrossCalls() {
    String widget =
        """
        package demo;
        import dev.hotpatch.Hot;
        public final class Widget {
          int renders;
          public String render() { return Hot.call(() -> "TAG render " + (++renders)); }
        }
        """;
    application.start(
        application.build("app", 0, Map.of("demo.Widget", widget.replace("TAG", "v0"))));
    Object old = Reflect.newInstance(application.runtime().loader("app"), "demo.Widget");
    assertThat(call(old.getClass(), old, "render")).isEqualTo("v0 render 1");

    application.patchOrFail(
        application.build("app", 1, Map.of("demo.Widget", widget.replace("TAG", "v1"))));

    assertThat(call(old.getClass(), old, "render")).isEqualTo("v1 render 2");
    assertThat(call(old.getClass(), old, "render")).isEqualTo("v1 render 3");
    assertThat(read(old, "renders")).isEqualTo(1);
  }

  @Test
  void facadeKeepsForwardingToItsReinstancedTarget() {
    ModuleVersion api =
        application.build(
            "api",
            0,
            Map.of(
                "demo.api.Counter",
                "package demo.api; public interface Counter { String next(); }"));
    String impl =
        """
        package demo.impl;
        public final class CountingImpl implements demo.api.Counter {
          int count;
          public String next() { return "TAG:" + (++count); }
        }
        """;
    application.start(api, implementation(0, impl));
    Class<?> counter = application.load("api", "demo.api.Counter");
    Object facade = Hot.facade(counter);
    assertThat(call(counter, facade, "next")).isEqualTo("v0:1");
    assertThat(Hot.versionOf(facade)).isZero();

    application.patchOrFail(implementation(1, impl));

    assertThat(call(counter, facade, "next")).isEqualTo("v1:2");
    assertThat(Hot.facade(counter)).isSameAs(facade);
    assertThat(Hot.versionOf(facade)).isEqualTo(1);
  }

  private ModuleVersion implementation(int version, String source) {
    return application
        .workspace()
        .module(
            "impl",
            version,
            List.of("api"),
            Map.of("demo.impl.CountingImpl", source.replace("TAG", "v" + version)),
            Map.of("META-INF/services/demo.api.Counter", "demo.impl.CountingImpl\n"));
  }
}
