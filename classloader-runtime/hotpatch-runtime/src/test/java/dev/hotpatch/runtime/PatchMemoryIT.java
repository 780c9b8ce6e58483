package dev.hotpatch.runtime;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old loaders are never closed, and nothing of the runtime keeps them: 300 patches of a 50-class
 * module fit in a small heap and metaspace, and an early loader is collected once the application
 * holds nothing of it. Runs in a JVM of its own, sized for the purpose.
 */
class PatchMemoryIT {
  @TempDir Path folder;

  @Test
  void manyPatchesOfAModuleFitInASmallJvmAndEarlyLoadersAreCollected() throws Exception {
    ForkedJvm.run(
        folder,
        List.of("-Xmx256m", "-XX:MaxMetaspaceSize=128m"),
        MemoryScenarios.class,
        "manyPatchesOfAModuleLeaveEarlyLoadersCollectable");
  }
}
