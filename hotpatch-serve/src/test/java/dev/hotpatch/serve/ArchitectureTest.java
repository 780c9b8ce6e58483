package dev.hotpatch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.testing.CompiledClass;
import dev.hotpatch.testing.CompiledPackages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the serve engine Maven-free, so that it runs and is tested without Maven and another front
 * end can drive it, and its packages one job each: none uses one that uses it back, directly or
 * through others, and none holds more than {@value #MAX_CLASSES} classes.
 */
class ArchitectureTest {
  private static final int MAX_CLASSES = 25;
  private static final CompiledPackages SERVE = CompiledPackages.of(ServeRequest.class);

  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    assertThat(SERVE.cycles()).as("package cycles of the serve engine").isEmpty();
  }

  @Test
  void noPackageHoldsMoreThan25Classes() {
    assertThat(SERVE.packagesLargerThan(MAX_CLASSES))
        .as("packages of more than %d top-level classes; split them by job", MAX_CLASSES)
        .isEmpty();
  }

  @Test
  void usesNoMavenTypes() {
    assertThat(SERVE.uses("org/apache/maven/", "org/codehaus/plexus/", "org/eclipse/aether/"))
        .as("serve classes that use Maven types; Maven belongs in hotpatch-maven-plugin")
        .isEmpty();
  }

  /** Guards the tests above against passing because they read nothing. */
  @Test
  void theClassesReadAreServesWithTheirUses() {
    Map<String, Map<String, String>> graph = SERVE.graph();

    assertThat(SERVE.classes())
        .extracting(CompiledClass::name)
        .contains("dev/hotpatch/serve/ServeRequest", "dev/hotpatch/serve/engine/ServeEngine");
    // The engine drives the planner; the planner knows nothing of the engine.
    assertThat(graph.get("dev.hotpatch.serve.engine")).containsKey("dev.hotpatch.serve.plan");
    assertThat(graph.get("dev.hotpatch.serve.plan")).doesNotContainKey("dev.hotpatch.serve.engine");
    assertThat(SERVE.uses("dev/hotpatch/diff/")).isNotEmpty();
  }
}
