package dev.hotpatch.serve.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application JVM. Its output reaches the console unchanged (labelled with its name when serve
 * runs several applications); serve passes the keyboard on to it.
 */
public final class AppProcess {
  private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long POLL_MILLIS = 5;
  private final Process process;
  private final Path hooksPending;
  private final Path mainFailed;
  private volatile boolean stopped;

  private AppProcess(Process process, Path hooksPending, Path mainFailed) {
    this.process = process;
    this.hooksPending = hooksPending;
    this.mainFailed = mainFailed;
  }

  /**
   * @param hooksPending a file the runtime may create when it starts and have deleted when the
   *     application's shutdown hooks are done (see {@link #stop})
   * @param mainFailed a file the runtime creates when the application's main method throws
   * @param output where the application's output and error go
   */
  static AppProcess start(
      List<String> command,
      Path workingDirectory,
      Path hooksPending,
      Path mainFailed,
      ApplicationOutput output)
      throws IOException {
    Process process =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectOutput(output.redirect())
            .redirectError(output.redirect())
            .start();
    output.attach(process, "hotpatch-output-" + process.pid());
    return new AppProcess(process, hooksPending, mainFailed);
  }

  /** The application's process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the application's JVM still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The application's standard input. */
  public OutputStream input() {
    return process.getOutputStream();
  }

  /** Waits for the application to end, and tells how it did. */
  public AppExit waitFor() throws InterruptedException {
    int code = process.waitFor();
    return AppExit.of(code, stopped, Files.exists(mainFailed));
  }

  /**
   * How the application ended, if it ends within {@code wait}: what crashed it, or its exit code;
   * null while it runs.
   */
  public String endedWithin(Duration wait) throws InterruptedException {
    if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return null;
    }
    AppExit exit = AppExit.of(process.exitValue(), stopped, Files.exists(mainFailed));
    return exit.crashed() ? exit.crash() : "exit code " + exit.code();
  }

  /**
   * Asks the application to stop, so that its shutdown hooks run, then ends it if it does not.
   *
   * <p>After the hooks, a JVM waits up to 300 ms for threads blocked in native code (a socket
   * accept, a console read, the runtime's own connection to serve) before its process ends: a
   * restart would wait with it. When the runtime has created {@code hooksPending} and has it
   * deleted by {@link java.io.File#deleteOnExit}, which the JDK does only after every shutdown hook
   * has finished, the process is ended as soon as the file is gone: nothing of the application runs
   * any more by then.
   */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    stopped = true;
    boolean hooksReported = Files.exists(hooksPending);
    process.destroy();
    long deadline = System.nanoTime() + STOP_GRACE_NANOS;
    try {
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if ((hooksReported && !Files.exists(hooksPending)) || System.nanoTime() > deadline) {
          process.destroyForcibly().waitFor(STOP_GRACE_NANOS, TimeUnit.NANOSECONDS);
          return;
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
