package dev.hotpatch.serve.app;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for an application under the runtime, started as a process by {@link AppProcessTest}:
 * a thread blocked in a socket accept (native code, which a JVM waits for when it exits), a
 * shutdown hook that takes a while and leaves a file behind, and optionally the runtime's report
 * that the hooks are done.
 *
 * <p>Arguments: the folder for its files, then {@code report} to create {@code hooks-pending} and
 * have it deleted when the hooks are done.
 */
public final class FakeApplication {
  private FakeApplication() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    if (args.length > 1 && args[1].equals("report")) {
      Path pending = Files.createFile(folder.resolve("hooks-pending"));
      pending.toFile().deleteOnExit();
    }
    ServerSocket server = new ServerSocket(0);
    Thread accept =
        new Thread(
            () -> {
              try {
                server.accept();
              } catch (Exception e) {
                // Closed at exit.
              }
            });
    accept.setDaemon(true);
    accept.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Thread.sleep(100);
                    Files.writeString(folder.resolve("hook-ran"), "yes");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
    Files.writeString(folder.resolve("started"), "yes");
    Thread.sleep(60_000);
  }
}
