package dev.hotpatch.serve.engine;

import dev.hotpatch.serve.workspace.Workspace;
import java.time.Duration;

/** What the patch pipeline learns of the application JVM from the engine, and tells it back. */
interface RunningApplication {
  /** The application's modules as the running JVM was started with them; null before it started. */
  Workspace launchedWith();

  /**
   * The build files were read again and describe the application as {@code application}: what serve
   * watches, and what the next start puts on the class path, follow them.
   */
  void workspaceChanged(Workspace application);

  /**
   * How the application JVM ended ({@code killed by signal 9 (SIGKILL)}), if it ends within {@code
   * wait}; null while it runs.
   */
  String endedWithin(Duration wait);
}
