package dev.hotpatch.maven.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.testing.CompiledClass;
import dev.hotpatch.testing.CompiledPackages;
import org.junit.jupiter.api.Test;

/**
 * Keeps the plugin a thin front end: the Mojo and the adapter that turns a Maven reactor into the
 * serve engine's workspace, at most {@value #MAX_CLASSES} classes; everything else belongs in the
 * Maven-free engine (hotpatch-serve), where it can be tested without Maven.
 */
class ArchitectureTest {
  private static final int MAX_CLASSES = 15;
  private static final int MAX_PACKAGE_CLASSES = 25;
  private static final String[] MAVEN = {
    "org/apache/maven/", "org/codehaus/plexus/", "org/eclipse/aether/"
  };
  private static final CompiledPackages PLUGIN = CompiledPackages.of(ServeMojo.class);

  @Test
  void holdsAtMost15Classes() {
    assertThat(PLUGIN.topLevelClassCount())
        .as("top-level classes of the plugin; move engine code to hotpatch-serve")
        .isLessThanOrEqualTo(MAX_CLASSES);
  }

  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    assertThat(PLUGIN.cycles()).as("package cycles of the plugin").isEmpty();
  }

  @Test
  void noPackageHoldsMoreThan25Classes() {
    assertThat(PLUGIN.packagesLargerThan(MAX_PACKAGE_CLASSES))
        .as("packages of more than %d top-level classes", MAX_PACKAGE_CLASSES)
        .isEmpty();
  }

  @Test
  void onlyTheMojoPackageUsesMaven() {
    assertThat(PLUGIN.uses(MAVEN).keySet())
        .as("plugin classes outside dev.hotpatch.maven.mojo that use Maven types")
        .allMatch(name -> name.startsWith("dev/hotpatch/maven/mojo/"));
  }

  /** Guards the tests above against passing because they read nothing. */
  @Test
  void theClassesReadAreThePluginsWithTheirUses() {
    assertThat(PLUGIN.classes())
        .extracting(CompiledClass::name)
        .contains("dev/hotpatch/maven/mojo/ServeMojo");
    assertThat(PLUGIN.uses(MAVEN)).containsKey("dev/hotpatch/maven/mojo/ServeMojo");
    assertThat(PLUGIN.uses("dev/hotpatch/serve/")).containsKey("dev/hotpatch/maven/mojo/ServeMojo");
  }
}
