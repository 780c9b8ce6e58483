package dev.hotpatch.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak of the patch channel: 1,000 patches in one session, through the real WebSocket client and
 * the runtime, in a small JVM of its own. Every patch applies; after a collection the heap and
 * metaspace are where they were after the first 100, the loader of the first patch is gone, and
 * neither threads nor open files grew. The figures go to {@code target/reliability/soak.txt}.
 */
class PatchSoakIT {
  @TempDir Path folder;

  @Test
  void thousandPatchesInOneSessionAllApplyAndNothingGrows() throws Exception {
    try {
      ForkedJvm.run(
          folder,
          List.of("-Xmx128m", "-XX:MaxMetaspaceSize=96m"),
          SoakScenarios.class,
          "thousandPatchesOverTheChannelAllApplyAndNothingGrows");
    } finally {
      Path figures = folder.resolve("figures.txt");
      if (Files.exists(figures)) {
        String text = Files.readString(figures);
        System.out.print(text);
        Path report =
            Path.of(System.getProperty("hotpatch.module.dir", "."), "target/reliability/soak.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, text);
      }
    }
  }
}
