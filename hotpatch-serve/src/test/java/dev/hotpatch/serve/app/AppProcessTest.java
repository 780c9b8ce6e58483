package dev.hotpatch.serve.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppProcessTest {
  private static final int SIGKILL = 128 + 9;
  private static final int SIGTERM = 128 + 15;

  @TempDir Path dir;

  private AppProcess start(String... mode) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FakeApplication.class.getName(),
                dir.toString()));
    command.addAll(List.of(mode));
    AppProcess app =
        AppProcess.start(
            command,
            dir,
            dir.resolve("hooks-pending"),
            dir.resolve("main-failed"),
            ApplicationOutput.unchanged(null));
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("started")));
    return app;
  }

  @Test
  void anApplicationWhoseHooksAreReportedDoneIsEndedRightAfterThem() throws Exception {
    AppProcess app = start("report");
    app.stop();
    assertThat(dir.resolve("hook-ran")).exists();
    // Killed while the JVM waited for its thread in native code, after the hooks.
    assertThat(app.waitFor()).isEqualTo(new AppExit(SIGKILL, null));
  }

  @Test
  void anApplicationThatReportsNothingEndsByItself() throws Exception {
    AppProcess app = start();
    app.stop();
    assertThat(dir.resolve("hook-ran")).exists();
    assertThat(app.waitFor()).isEqualTo(new AppExit(SIGTERM, null));
  }
}
