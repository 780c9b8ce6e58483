package dev.hotpatch.serve.engine;

import dev.hotpatch.serve.channel.PatchDelivery;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.workspace.Workspace;
import java.time.Duration;

/**
 * One application JVM as the patch pipeline sees it: what it loads, how to plan and send it a
 * patch, where to report, and how to start it again.
 */
interface RunningApplication {
  /** The modules it loads, as the build files describe them now. */
  Workspace modules();

  /** Its modules as the running JVM was started with them; null before it started. */
  Workspace launchedWith();

  /** Whether it exited for good: nothing is sent to it any more. */
  boolean exited();

  /** Whether it crashed and waits for a change that builds. */
  boolean crashed();

  PatchPlanner planner();

  PatchDelivery delivery();

  /** Where its patches are reported: its events and its console lines. */
  PatchReports reports();

  Console console();

  /** The build files were read again: what it loads, and its next start, follow them. */
  void workspaceChanged();

  /** What restarts it on serve's terminal: {@code r}, or {@code r NAME} among several. */
  String restartCommand();

  /** Stops it so that it starts again on the current builds, for the reason given. */
  void restart(String reason);

  /**
   * How its JVM ended ({@code killed by signal 9 (SIGKILL)}), if it ends within {@code wait}; null
   * while it runs.
   */
  String endedWithin(Duration wait);

  /**
   * Why it runs code older than the current builds (it could not take a patch that other
   * applications took); null when it runs the current builds. A restart clears it.
   */
  String behind();

  void fellBehind(String why);

  /**
   * Whether it brings itself to the current builds when it connects again, so that a patch it
   * missed while away is not lost: a remote application.
   */
  default boolean catchesUp() {
    return false;
  }
}
