package dev.hotpatch.maven.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application JVM. Its standard streams are the ones of serve itself, so its output reaches the
 * console unchanged and it can read the keyboard.
 */
final class AppProcess {
  private static final long STOP_GRACE_SECONDS = 10;
  private final Process process;

  private AppProcess(Process process) {
    this.process = process;
  }

  static AppProcess start(List<String> command, Path workingDirectory) throws IOException {
    return new AppProcess(
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start());
  }

  /** The application's standard input. */
  java.io.OutputStream input() {
    return process.getOutputStream();
  }

  long pid() {
    return process.pid();
  }

  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Asks the application to stop (its shutdown hooks run), then ends it if it does not. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
