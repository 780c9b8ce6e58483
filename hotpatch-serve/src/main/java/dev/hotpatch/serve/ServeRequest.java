package dev.hotpatch.serve;

import dev.hotpatch.serve.engine.ServeEngine;
import dev.hotpatch.serve.watch.WatchMode;
import dev.hotpatch.serve.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@link ServeEngine} needs, free of Maven types.
 *
 * @param workspace the reactor's modules in build order, compiled
 * @param mainClass the application's main class, or null to find the only one
 * @param args the application's arguments
 * @param jvmArgs options for the application JVM
 * @param javaExecutable the {@code java} that runs the application
 * @param apiJar the hotpatch-api jar
 * @param runtimeJar the hotpatch-runtime jar
 * @param eventsFile where to append JSON events, or null for none
 * @param port the patch server's port on loopback, 0 to let the system choose
 * @param watch what serve watches: sources, or the class folders an IDE compiles into
 * @param debounce how long the watched files must be quiet before a burst of changes is patched
 * @param quiet whether to print only warnings and errors
 * @param interactive whether Maven runs interactively (not {@code -B}): only then, and only on a
 *     terminal, does serve take keyboard commands and colour its lines
 * @param restartAutomatically whether to restart the application when no patch can be correct
 * @param workingDirectory the application's working directory, relative to the reactor root unless
 *     absolute; null for the root itself
 */
public record ServeRequest(
    Workspace workspace,
    String mainClass,
    List<String> args,
    List<String> jvmArgs,
    Path javaExecutable,
    Path apiJar,
    Path runtimeJar,
    Path eventsFile,
    int port,
    WatchMode watch,
    Duration debounce,
    boolean quiet,
    boolean interactive,
    boolean restartAutomatically,
    Path workingDirectory) {

  public ServeRequest {
    args = List.copyOf(args);
    jvmArgs = List.copyOf(jvmArgs);
  }
}
