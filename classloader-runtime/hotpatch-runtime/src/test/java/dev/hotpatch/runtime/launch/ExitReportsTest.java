package dev.hotpatch.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitReportsTest {
  @TempDir Path folder;

  /** Started as a process: reports hooks pending, then exits through a hook that looks at it. */
  public static final class ExitingApplication {
    public static void main(String[] args) throws Exception {
      Path pending = Path.of(args[0]);
      Path seen = Path.of(args[1]);
      ExitReports.hooksPending(pending);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      Files.writeString(seen, Boolean.toString(Files.exists(pending)));
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }));
      System.exit(0);
    }
  }

  @Test
  void hooksPendingFileOutlivesEveryShutdownHookAndIsGoneAfterExit() throws Exception {
    Path pending = folder.resolve("hooks-pending-1");
    Path seen = folder.resolve("seen-by-hook");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    ExitingApplication.class.getName(),
                    pending.toString(),
                    seen.toString()))
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("output").toFile())
            .start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(folder.resolve("output"))).isZero();
    assertThat(Files.readString(seen)).isEqualTo("true");
    assertThat(pending).doesNotExist();
  }

  @Test
  void hooksPendingReplacesAFileLeftBehind() throws Exception {
    Path pending = Files.writeString(folder.resolve("hooks-pending-2"), "old");

    ExitReports.hooksPending(pending);

    assertThat(pending).isEmptyFile();
  }

  @Test
  void hooksPendingInAMissingFolderLeavesTheApplicationRunning() {
    Path pending = folder.resolve("missing").resolve("hooks-pending");

    ExitReports.hooksPending(pending);

    assertThat(pending).doesNotExist();
  }

  @Test
  void mainFailedNamesTheExceptionClass() throws Exception {
    Path file = folder.resolve("main-failed");

    ExitReports.mainFailed(file, new IllegalStateException("boom"));

    assertThat(Files.readString(file)).isEqualTo(IllegalStateException.class.getName());
  }
}
