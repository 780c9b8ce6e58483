package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.Hot;
import dev.hotpatch.ReloadEvent;
import dev.hotpatch.ReloadListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What frameworks and users hear of patches, and the migration hooks of new classes. */
class ReloadHooksTest {
  private static final String ITEMS =
      """
      package demo;
      import java.util.ArrayList;
      import java.util.List;
      public final class Items {
        static List<Item> all = new ArrayList<>();
        public static void add(String name) { all.add(new Item(name)); }
        public static List<Item> all() { return all; }
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

  private ModuleVersion items(int version, String item) {
    return application.build("app", version, Map.of("demo.Items", ITEMS, "demo.Item", item));
  }

  /** Records every event it hears, as "before 1 [demo.Item, demo.Items]". */
  private static final class Recorder implements ReloadListener {
    final List<String> heard = new ArrayList<>();

    @Override
    public void beforeReload(ReloadEvent event) {
      heard.add(
          "before " + event.version() + " " + event.modules() + " " + event.reloadedClasses());
    }

    @Override
    public void afterReload(ReloadEvent event) {
      heard.add("after " + event.version() + " version " + Hot.version());
    }
  }

  @Test
  void listenerHearsEveryPatchBeforeAndAfterWithItsClassesAndVersion() {
    String item =
        "package demo; public final class Item { String name; Item(String n) { name = n; } }";
    application.start(items(0, item));
    Recorder recorder = new Recorder();
    Hot.addReloadListener(recorder);
    Hot.addReloadListener(recorder);

    application.patchOrFail(items(1, item));
    Hot.removeReloadListener(recorder);
    application.patchOrFail(items(2, item));

    assertThat(recorder.heard)
        .containsExactly("before 1 [app] [demo.Item, demo.Items]", "after 1 version 1");
  }

  @Test
  void throwingListenerIsAWarningAndThePatchApplies() {
    String item =
        "package demo; public final class Item { String name; Item(String n) { name = n; } }";
    application.start(items(0, item));
    Hot.addReloadListener(
        new ReloadListener() {
          @Override
          public void afterReload(ReloadEvent event) {
            throw new IllegalStateException("listener broken");
          }
        });

    PatchResult result = application.patchOrFail(items(1, item));

    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("threw after patch 1")
        .contains("listener broken");
  }

  @Test
  void onReloadHooksMigrateEachReinstancedObjectOnceAndThenTheClass() {
    application.start(
        items(
            0,
            "package demo; public final class Item { String name; Item(String n) { name = n; } }"));
    application.call("app", "demo.Items", "add", "apple");
    application.call("app", "demo.Items", "add", "fig");
    String migrating =
        """
        package demo;
        import dev.hotpatch.OnReload;
        public final class Item {
          String name;
          int length;
          static int migrated;
          static String summary = "none";
          Item(String n) { name = n; length = n.length(); }
          @OnReload void migrate() { length = name.length(); migrated++; }
          @OnReload static void summarize() { summary = "migrated " + migrated; }
          @Override public String toString() { return name + "/" + length; }
        }
        """;

    application.patchOrFail(items(1, migrating));
    application.patchOrFail(items(2, migrating.replace("Item(String n)", "Item(String  n)")));

    assertThat(application.call("app", "demo.Items", "all").toString())
        .isEqualTo("[apple/5, fig/3]");
    // The objects were re-instanced twice, the hooks ran on each object in each patch.
    assertThat(application.read("app", "demo.Item", "migrated")).isEqualTo(4);
    assertThat(application.read("app", "demo.Item", "summary")).isEqualTo("migrated 4");
  }
}
