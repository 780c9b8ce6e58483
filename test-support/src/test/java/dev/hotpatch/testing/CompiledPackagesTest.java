package dev.hotpatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledPackagesTest {

  @Test
  void aCycleIsNamedWithAClassThatMakesEachStep() {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    graph.put("a", new TreeMap<>(Map.of("b", "a.Uses uses b.Used")));
    graph.put("b", new TreeMap<>(Map.of("c", "b.Other uses c.Thing")));
    graph.put("c", new TreeMap<>(Map.of("a", "c.Thing uses a.Base")));
    graph.put("d", new TreeMap<>(Map.of("a", "d.Top uses a.Base")));

    assertThat(CompiledPackages.cycles(graph))
        .containsExactly(
            "a -> b (a.Uses uses b.Used) -> c (b.Other uses c.Thing) -> a (c.Thing uses a.Base)");
  }

  @Test
  void packagesThatOnlyDependDownwardsHaveNoCycle() {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    graph.put("top", new TreeMap<>(Map.of("middle", "x", "bottom", "y")));
    graph.put("middle", new TreeMap<>(Map.of("bottom", "z")));
    graph.put("bottom", new TreeMap<>());

    assertThat(CompiledPackages.cycles(graph)).isEmpty();
  }

  @Test
  void readsTheClassesOfItsOwnFolderWithTheirUses() {
    CompiledPackages classes = CompiledPackages.of(CompiledPackages.class);

    assertThat(classes.packages()).containsExactly("dev.hotpatch.testing");
    assertThat(classes.classes())
        .filteredOn(c -> c.name().equals("dev/hotpatch/testing/CompiledPackages"))
        .singleElement()
        .satisfies(c -> assertThat(c.uses()).contains("dev/hotpatch/testing/CompiledClass"))
        .satisfies(c -> assertThat(c.nested()).isFalse());
    // CompiledClass, CompiledPackages, JsonFuzz, LayerFolders, NodePeer, TcpRelay.
    assertThat(classes.topLevelClasses()).containsEntry("dev.hotpatch.testing", 6);
    assertThat(classes.topLevelClassCount()).isEqualTo(6);
    assertThat(classes.packagesLargerThan(5)).containsOnlyKeys("dev.hotpatch.testing");
    assertThat(classes.packagesLargerThan(6)).isEmpty();
    assertThat(classes.cycles()).isEmpty();
  }

  @Test
  void listsTheClassesThatUseAForeignPrefix() {
    CompiledPackages classes = CompiledPackages.of(CompiledPackages.class);

    assertThat(classes.uses("org/objectweb/asm/"))
        .containsOnlyKeys(
            "dev/hotpatch/testing/CompiledClass", "dev/hotpatch/testing/CompiledClass$1");
    assertThat(classes.uses("org/objectweb/asm/").get("dev/hotpatch/testing/CompiledClass"))
        .contains("org/objectweb/asm/ClassReader", "org/objectweb/asm/ClassVisitor");
    assertThat(classes.uses("org/apache/maven/")).isEmpty();
  }

  @Test
  void usesOutsideTheJdkNameTheLibrariesAndLeaveTheJdkOut() {
    CompiledPackages classes = CompiledPackages.of(CompiledPackages.class);

    assertThat(classes.usesOutsideTheJdk())
        .containsKey("dev/hotpatch/testing/NodePeer")
        .allSatisfy(
            (user, used) ->
                assertThat(used)
                    .allSatisfy(name -> assertThat(name).doesNotStartWith("java/"))
                    .allSatisfy(name -> assertThat(name).doesNotStartWith("dev/hotpatch/")));
    assertThat(classes.usesOutsideTheJdk().get("dev/hotpatch/testing/NodePeer"))
        .contains("com/fasterxml/jackson/databind/ObjectMapper");
    assertThat(classes.usesOutsideTheJdk("com/fasterxml/", "org/junit/", "org/objectweb/asm/"))
        .isEmpty();
  }

  @Test
  void aFolderThatIsNotThereIsAnError(@TempDir Path temp) {
    assertThatThrownBy(() -> CompiledPackages.read(temp.resolve("missing")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Not a folder of compiled classes");
  }
}
