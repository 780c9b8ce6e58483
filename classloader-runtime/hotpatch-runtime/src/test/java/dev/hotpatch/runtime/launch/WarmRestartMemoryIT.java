package dev.hotpatch.runtime.launch;

import dev.hotpatch.runtime.ForkedJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm restarts leave nothing of the stopped starts behind: after 20 restarts of a Spring Boot web
 * application, the loaders of the first starts are collected and metaspace no longer grows. Runs in
 * a JVM of its own, opened as serve opens the application's.
 */
class WarmRestartMemoryIT {
  @TempDir Path folder;

  @Test
  void twentyWarmRestartsOfASpringBootApplicationLeaveTheFirstStartsCollectable() throws Exception {
    ForkedJvm.run(
        folder,
        // Soft references go at every collection here: what only they keep is released under
        // memory pressure anyway (Spring's caches are soft), so only strong paths count as leaks.
        List.of(
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "-Xmx512m",
            "-XX:SoftRefLRUPolicyMSPerMB=0"),
        WarmRestartScenarios.class,
        "twentyRestartsOfASpringBootApplication");
  }
}
