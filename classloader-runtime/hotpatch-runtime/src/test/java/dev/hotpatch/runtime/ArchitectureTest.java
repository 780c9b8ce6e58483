package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.testing.CompiledClass;
import dev.hotpatch.testing.CompiledPackages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the runtime's packages one job each: no package uses a class of a package that uses one of
 * its classes back, directly or through other packages, none holds more than {@value #MAX_CLASSES}
 * classes, and none uses Maven, which the application's JVM does not have.
 *
 * <p>Reads the compiled main classes rather than the imports, so that every use counts: a type in a
 * signature, a field or method of another class, a class literal. What a class names only in a
 * string (the launcher's entry class) or in a comment is no use.
 */
class ArchitectureTest {
  private static final int MAX_CLASSES = 25;
  private static final CompiledPackages RUNTIME = CompiledPackages.of(ModuleVersion.class);

  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    assertThat(RUNTIME.cycles()).as("package cycles of the runtime").isEmpty();
  }

  @Test
  void noPackageHoldsMoreThan25Classes() {
    assertThat(RUNTIME.packagesLargerThan(MAX_CLASSES))
        .as("packages of more than %d top-level classes; split them by job", MAX_CLASSES)
        .isEmpty();
  }

  @Test
  void usesNoMavenTypes() {
    assertThat(RUNTIME.uses("org/apache/maven/", "org/codehaus/plexus/", "org/eclipse/aether/"))
        .as("runtime classes that use Maven types")
        .isEmpty();
  }

  @Test
  void knowsNeitherServeNorModuleDiff() {
    // What it needs of them comes in the launch manifest and the patch messages.
    assertThat(RUNTIME.uses("dev/hotpatch/serve/", "dev/hotpatch/diff/", "dev/hotpatch/maven/"))
        .as("runtime classes that use serve, module-diff or the plugin")
        .isEmpty();
  }

  /** Guards the tests above against passing because they read nothing. */
  @Test
  void theClassesReadAreTheRuntimesWithTheirUses() {
    Map<String, Map<String, String>> graph = RUNTIME.graph();

    assertThat(RUNTIME.classes())
        .extracting(CompiledClass::name)
        .contains("dev/hotpatch/runtime/ModuleVersion");
    assertThat(graph)
        .containsKeys("dev.hotpatch.runtime.loader", "dev.hotpatch.runtime.patch")
        .doesNotContainKey("dev.hotpatch.runtime.shaded");
    // HotRuntime builds ModuleClassLoaders; ModuleClassLoader.spec() returns a ModuleVersion.
    assertThat(graph.get("dev.hotpatch.runtime.patch")).containsKey("dev.hotpatch.runtime.loader");
    assertThat(graph.get("dev.hotpatch.runtime.loader")).containsKey("dev.hotpatch.runtime");
    // Nested and anonymous classes count for their package's uses but not as its classes.
    assertThat(RUNTIME.classes())
        .filteredOn(c -> c.name().equals("dev/hotpatch/runtime/ModulePatch$Strategy"))
        .singleElement()
        .extracting(CompiledClass::nested)
        .isEqualTo(true);
    // The runtime uses ASM and Jackson, so foreign uses are seen.
    assertThat(RUNTIME.uses("org/objectweb/asm/")).isNotEmpty();
  }
}
