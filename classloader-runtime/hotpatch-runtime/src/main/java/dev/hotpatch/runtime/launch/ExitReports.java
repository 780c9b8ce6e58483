package dev.hotpatch.runtime.launch;

import dev.hotpatch.runtime.log.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the runtime tells serve about the end of the application, through files that the launch
 * manifest names: whether its shutdown hooks are done, and whether its main method threw.
 */
final class ExitReports {
  private ExitReports() {}

  /**
   * Creates {@code file} and has the JDK delete it when every shutdown hook has finished: the JDK
   * deletes such files last in its shutdown sequence, after the application's hooks. serve then
   * ends the process at once instead of waiting the up to 300 ms a JVM spends, after its hooks, on
   * threads blocked in native code (this runtime's own connection to serve is one).
   *
   * <p>Only speed is at stake: when the file cannot be made, serve waits for the JVM as before.
   */
  static void hooksPending(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
      Files.createFile(file);
      file.toFile().deleteOnExit();
    } catch (IOException | UnsupportedOperationException e) {
      Log.line("cannot create " + file + " (" + e + "); restarts wait for the JVM's exit instead.");
    }
  }

  /**
   * Records that the application's main method threw {@code failure}, so that serve can tell this
   * crash from an application that exits with the same code on purpose.
   */
  static void mainFailed(Path file, Throwable failure) {
    if (file == null) {
      return;
    }
    try {
      Files.writeString(file, failure.getClass().getName(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      // serve then takes the exit for a deliberate one; the JVM still prints the stack trace.
    }
  }
}
