package dev.hotpatch.serve.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.serve.ServeRequest;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.build.SessionFolder;
import dev.hotpatch.serve.channel.PatchServer;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Starts the application JVM on given module versions: writes the launch manifest the runtime
 * reads, then runs {@code java} with the runtime as agent and launcher.
 */
public final class ApplicationLauncher {
  private static final String BOOT_CLASS = "dev.hotpatch.runtime.boot.Boot";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServeRequest request;
  private final SessionFolder session;
  private volatile MainClassLocator.MainClass main;
  private final PatchServer server;
  private final Path workingDirectory;
  private final Path output;
  private int starts;

  /**
   * @param output a file to append the application's output and error to; null for serve's own
   */
  public ApplicationLauncher(
      ServeRequest request,
      SessionFolder session,
      MainClassLocator.MainClass main,
      PatchServer server,
      Path workingDirectory,
      Path output) {
    this.request = request;
    this.session = session;
    this.main = main;
    this.server = server;
    this.workingDirectory = workingDirectory;
    this.output = output;
  }

  /**
   * The build files now describe the main class's module as {@code module}: the next start puts its
   * third-party jars on the class path.
   */
  public void mainModuleChanged(WorkspaceModule module) {
    main = new MainClassLocator.MainClass(main.className(), module);
  }

  /**
   * Starts the application on {@code modules}.
   *
   * @param stableClasses what the stable layer loads, by module (see {@link
   *     PatchPlanner#stableClasses})
   */
  public AppProcess start(List<ModuleBuild> modules, Map<String, List<String>> stableClasses)
      throws IOException {
    // A file per start: one that a killed application left behind says nothing of the next.
    ++starts;
    // A new id per start: a patch computed for an earlier start of the application is refused.
    String buildId = session.id() + "." + starts;
    Path hooksPending = session.root().resolve("hooks-pending-" + starts);
    Path mainFailed = session.root().resolve("main-failed-" + starts);
    MainClassLocator.MainClass main = this.main;
    writeLaunchManifest(main, modules, stableClasses, buildId, hooksPending, mainFailed);
    server.expect(buildId);
    AppProcess app =
        AppProcess.start(command(), workingDirectory, hooksPending, mainFailed, output);
    server.launched(buildId, app.pid());
    return app;
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(request.javaExecutable().toString());
    command.addAll(request.jvmArgs());
    command.add("-javaagent:" + request.runtimeJar());
    command.add("-cp");
    command.add(request.runtimeJar().toString());
    command.add(BOOT_CLASS);
    command.add(request.apiJar().toString());
    command.add(session.launchManifest().toString());
    return command;
  }

  private void writeLaunchManifest(
      MainClassLocator.MainClass main,
      List<ModuleBuild> modules,
      Map<String, List<String>> stableClasses,
      String buildId,
      Path hooksPending,
      Path mainFailed)
      throws IOException {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put(Fields.PROTOCOL, Protocol.VERSION);
    manifest.put("sessionId", session.id());
    manifest.put("buildId", buildId);
    manifest.put("serverUri", server.uri().toString());
    manifest.put("tokenFile", session.tokenFile().toString());
    manifest.put("parentPid", ProcessHandle.current().pid());
    manifest.put("mainClass", main.className());
    manifest.put("mainModule", main.module().name());
    manifest.put("args", request.args());
    manifest.put(
        "libraries",
        new LinkedHashSet<>(main.module().runtimeClasspath())
            .stream().map(Path::toString).toList());
    manifest.put("modules", modules.stream().map(ModuleBuild::toJson).toList());
    manifest.put("stableClasses", stableClasses);
    manifest.put("hooksPendingFile", hooksPending.toString());
    // Every folder a patch names is a layer serve wrote under the session folder, or the build
    // of a module the application started with, which stays the bottom layer of its versions.
    List<String> roots = new ArrayList<>();
    roots.add(session.root().toString());
    for (ModuleBuild module : modules) {
      List<Path> folders = module.folders();
      roots.add(folders.get(folders.size() - 1).toString());
    }
    manifest.put("patchRoots", roots);
    manifest.put("mainFailedFile", mainFailed.toString());
    Files.writeString(
        session.launchManifest(),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
  }
}
