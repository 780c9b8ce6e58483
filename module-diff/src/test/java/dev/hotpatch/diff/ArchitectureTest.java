package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.testing.CompiledClass;
import dev.hotpatch.testing.CompiledPackages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps module-diff's packages one job each and its dependencies to ASM: no package uses one that
 * uses it back, directly or through others, none holds more than {@value #MAX_CLASSES} classes, and
 * no class uses Maven, so that serve and any other front end can use it.
 */
class ArchitectureTest {
  private static final int MAX_CLASSES = 25;
  private static final CompiledPackages DIFF = CompiledPackages.of(ModuleDiff.class);

  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    assertThat(DIFF.cycles()).as("package cycles of module-diff").isEmpty();
  }

  @Test
  void noPackageHoldsMoreThan25Classes() {
    assertThat(DIFF.packagesLargerThan(MAX_CLASSES))
        .as("packages of more than %d top-level classes; split them by job", MAX_CLASSES)
        .isEmpty();
  }

  @Test
  void usesNoMavenTypes() {
    assertThat(DIFF.uses("org/apache/maven/", "org/codehaus/plexus/", "org/eclipse/aether/"))
        .as("module-diff classes that use Maven types")
        .isEmpty();
  }

  @Test
  void usesNothingButTheJdkAndAsm() {
    assertThat(DIFF.usesOutsideTheJdk("org/objectweb/asm/"))
        .as("module-diff classes that use a library other than ASM")
        .isEmpty();
  }

  /** Guards the tests above against passing because they read nothing. */
  @Test
  void theClassesReadAreModuleDiffsWithTheirUses() {
    Map<String, Map<String, String>> graph = DIFF.graph();

    assertThat(DIFF.classes())
        .extracting(CompiledClass::name)
        .contains("dev/hotpatch/diff/ModuleDiff", "dev/hotpatch/diff/internal/store/ClassStore");
    // ModuleDiff compares with DiffEngine, which reads the builds' ClassStores.
    assertThat(graph.get("dev.hotpatch.diff")).containsKey("dev.hotpatch.diff.internal.compare");
    assertThat(graph.get("dev.hotpatch.diff.internal.compare"))
        .containsKeys("dev.hotpatch.diff.internal.store", "dev.hotpatch.diff.change");
    assertThat(DIFF.uses("org/objectweb/asm/")).isNotEmpty();
  }
}
