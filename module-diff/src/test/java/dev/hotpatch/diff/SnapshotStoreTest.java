package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.diff.testing.Builds;
import dev.hotpatch.diff.testing.InMemoryCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
  private static final int CLASSES = 200;

  /**
   * {@code lib.Ci}: a constant, a method calling into {@code C(i-1)}; {@code C0} implements Api.
   */
  private static String[] module(int classes, int edited, String body) {
    String[] sources = new String[classes + 1];
    sources[0] = "package lib;\npublic interface Api { int value(); }";
    for (int i = 0; i < classes; i++) {
      String call = i == 0 ? "1" : "new C" + (i - 1) + "().value()";
      sources[i + 1] =
          "package lib"
              + (i % 4)
              + ";\n"
              + (i == 0 ? "" : "import lib" + ((i - 1) % 4) + ".C" + (i - 1) + ";\n")
              + "public class C"
              + i
              + " implements lib.Api { public static final String NAME = \"c"
              + i
              + "\"; public int value() { return "
              + (i == edited ? body : call + " + " + i)
              + "; } }";
    }
    return sources;
  }

  private static void write(Path dir, Map<String, byte[]> classes) throws Exception {
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
  }

  @Test
  void aBodyEditReadsNoClassFileAndParsesAHandful(@TempDir Path dir) throws Exception {
    SnapshotStore store = new SnapshotStore();
    write(dir, InMemoryCompiler.compile(module(CLASSES, 7, "42")));
    ModuleSnapshot before = store.read(dir);
    ModuleReferences.of(before); // what the session's warm-up does
    before.packages();
    Map<String, byte[]> edited = InMemoryCompiler.compile(module(CLASSES, 7, "43"));
    long read = store.classFilesRead();
    long parsed = store.classesParsed();

    ModuleSnapshot after = before.derive(Map.of("lib3/C7", edited.get("lib3/C7")), Set.of());
    ModuleDiff diff = ModuleDiff.compare(before, after);
    ApiDelta api = ApiDelta.between(before, after);
    StableLayer.of(Map.of("lib", after));

    assertThat(diff.summary()).startsWith("lib3.C7").endsWith("body: value()");
    assertThat(api.isEmpty()).isTrue();
    assertThat(store.classFilesRead() - read).isZero();
    assertThat(store.classesParsed() - parsed).isLessThanOrEqualTo(6);
    assertThat(after.packages().get("lib3")).hasSize(CLASSES / 4);
  }

  @Test
  void whatNoClassUsedIsCarriedOverUntilAChangedClassUsesIt() {
    ModuleSnapshot before = ModuleSnapshot.of(InMemoryCompiler.compile(module(20, -1, "")));
    assertThat(before.uses("java/util/List")).isFalse();
    assertThat(before.uses("java/lang/Object")).isTrue();

    ModuleSnapshot body =
        before.derive(
            Map.of("lib1/C5", InMemoryCompiler.compile(module(20, 5, "7")).get("lib1/C5")),
            Set.of());
    ModuleSnapshot usesList =
        body.derive(
            Map.of(
                "lib1/C5",
                InMemoryCompiler.compile(module(20, 5, "java.util.List.of(1).size()"))
                    .get("lib1/C5")),
            Set.of());

    assertThat(body.uses("java/util/List")).isFalse();
    assertThat(usesList.uses("java/util/List")).isTrue();
    assertThat(usesList.derive(Map.of(), Set.of("lib1/C5")).uses("java/util/List")).isFalse();
  }

  @Test
  void aDerivedSnapshotDiffsLikeOneReadWhole() {
    Map<String, byte[]> one = InMemoryCompiler.compile(module(20, 5, "5"));
    Map<String, byte[]> two = InMemoryCompiler.compile(module(20, 5, "new lib0.C0().value()"));
    ModuleSnapshot before = ModuleSnapshot.of(one);
    Map<String, byte[]> changed = new HashMap<>();
    two.forEach(
        (name, bytes) -> {
          if (!java.util.Arrays.equals(bytes, one.get(name))) {
            changed.put(name, bytes);
          }
        });

    ModuleSnapshot derived = before.derive(changed, Set.of("lib2/C18"));
    Map<String, byte[]> whole = new HashMap<>(two);
    whole.remove("lib2/C18");

    assertThat(ModuleDiff.compare(before, derived).changes())
        .isEqualTo(ModuleDiff.compare(before, ModuleSnapshot.of(whole)).changes());
    assertThat(derived.classNames()).doesNotContain("lib2/C18").hasSize(20);
    assertThat(derived.changedSince(before)).containsExactlyInAnyOrder("lib1/C5", "lib2/C18");
  }

  @Test
  void aSignatureChangeIsAnApiDeltaWithTheSubtypesOfTheClass() {
    ModuleSnapshot before = ModuleSnapshot.of(InMemoryCompiler.compile(module(8, -1, "")));
    before.store().subtypes();
    ModuleSnapshot after =
        before.derive(
            Map.of(
                "lib/Api",
                InMemoryCompiler.compile("package lib;\npublic interface Api { long value(); }")
                    .get("lib/Api")),
            Set.of());

    ApiDelta delta = ApiDelta.between(before, after);

    assertThat(delta.classes()).containsExactly("lib/Api");
    assertThat(delta.classesWithSubtypes(Set.of(after)))
        .contains("lib/Api", "lib0/C0", "lib3/C7")
        .hasSize(9);
  }

  @Test
  void aDerivedSnapshotTakesOverTheStableLayerOfUnchangedClasses() {
    Map<String, ModuleSnapshot> before =
        Builds.workspace(
            Builds.HOT_FACADE,
            "package lib;\n@dev.hotpatch.HotFacade\npublic interface Shop { lib.Item item(); }",
            "package lib;\npublic class Item {}",
            "package lib;\npublic class Impl implements Shop { public Item item() { return null; } }");
    ModuleSnapshot lib = before.get("lib");
    ModuleSnapshot after =
        lib.derive(
            Map.of(
                "lib/Impl",
                InMemoryCompiler.compile(
                        Builds.HOT_FACADE,
                        "package lib;\n@dev.hotpatch.HotFacade\npublic interface Shop { lib.Item item(); }",
                        "package lib;\npublic class Item {}",
                        "package lib;\npublic class Impl implements Shop { public Item item() { return new Item(); } }")
                    .get("lib/Impl")),
            Set.of());

    StableLayer layer = StableLayer.of(Map.of("lib", after));

    assertThat(layer.classesOf("lib")).containsExactly("lib/Item", "lib/Shop");
    assertThat(layer.root("lib.Shop")).hasValue(StableLayer.Root.FACADE);
    assertThat(layer.root("lib.Item")).isEmpty();
  }
}
