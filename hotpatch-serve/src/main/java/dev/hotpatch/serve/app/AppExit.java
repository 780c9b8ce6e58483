package dev.hotpatch.serve.app;

import java.util.Map;

/**
 * How the application's JVM ended. A deliberate end ({@code main} returned, {@code System.exit},
 * {@code Runtime.halt}, or serve stopped it) is the application's answer, which serve passes on; a
 * crash is not: an uncaught exception ended {@code main}, or a signal that serve did not send (kill
 * -9, the kernel's OOM killer, a fatal JVM error that aborts) ended the process.
 *
 * @param code the process's exit code; 128 + n for the signal n
 * @param crash what crashed it, or null for a deliberate end
 */
public record AppExit(int code, String crash) {
  private static final Map<Integer, String> SIGNALS =
      Map.of(
          1, "SIGHUP",
          2, "SIGINT",
          6, "SIGABRT, a fatal JVM error: see its hs_err_pid*.log",
          9, "SIGKILL",
          11, "SIGSEGV",
          15, "SIGTERM");

  /**
   * @param stoppedByServe whether serve stopped the process (a restart, a quit)
   * @param mainThrew whether the runtime reported that {@code main} threw
   */
  static AppExit of(int code, boolean stoppedByServe, boolean mainThrew) {
    if (stoppedByServe) {
      return new AppExit(code, null);
    }
    // A JVM whose main threw exits with 1 unless the application calls System.exit later.
    if (mainThrew && code == 1) {
      return new AppExit(code, "an uncaught exception ended main");
    }
    // Exit codes above 128 are how Java reports a process killed by a signal (129 to 159).
    if (code > 128 && code < 160) {
      int signal = code - 128;
      String name = SIGNALS.get(signal);
      return new AppExit(
          code, "killed by signal " + signal + (name == null ? "" : " (" + name + ")"));
    }
    return new AppExit(code, null);
  }

  public boolean crashed() {
    return crash != null;
  }
}
