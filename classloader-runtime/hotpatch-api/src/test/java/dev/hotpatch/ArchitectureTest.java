package dev.hotpatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.testing.CompiledClass;
import dev.hotpatch.testing.CompiledPackages;
import org.junit.jupiter.api.Test;

/**
 * Keeps the API what applications and libraries can depend on without a second thought: the JDK
 * only (no Maven, no library), and packages that do not depend on each other both ways.
 */
class ArchitectureTest {
  private static final int MAX_CLASSES = 25;
  private static final CompiledPackages API = CompiledPackages.of(Hot.class);

  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    assertThat(API.cycles()).as("package cycles of the API").isEmpty();
  }

  @Test
  void noPackageHoldsMoreThan25Classes() {
    assertThat(API.packagesLargerThan(MAX_CLASSES))
        .as("packages of more than %d top-level classes; split them by job", MAX_CLASSES)
        .isEmpty();
  }

  @Test
  void usesTheJdkOnly() {
    assertThat(API.usesOutsideTheJdk()).as("API classes that use more than the JDK").isEmpty();
  }

  /** Guards the tests above against passing because they read nothing. */
  @Test
  void theClassesReadAreTheApisWithTheirUses() {
    assertThat(API.classes())
        .extracting(CompiledClass::name)
        .contains("dev/hotpatch/Hot", "dev/hotpatch/internal/HotCallSites");
    // The call-site bootstrap asks the bridge the runtime installed.
    assertThat(API.graph().get("dev.hotpatch.internal")).containsKey("dev.hotpatch");
    assertThat(API.uses("java/lang/invoke/")).containsKey("dev/hotpatch/internal/HotCallSites");
  }
}
