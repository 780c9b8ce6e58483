package dev.hotpatch.serve.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.serve.ApplicationSpec;
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
import java.util.Optional;

/**
 * Starts the application JVM on given module versions: writes the launch manifest the runtime
 * reads, then runs {@code java} with the runtime as agent and launcher.
 */
public final class ApplicationLauncher {
  private static final String BOOT_CLASS = "dev.hotpatch.runtime.boot.Boot";

  /**
   * Lets the runtime (in an unnamed module of its own loader) read the application's JVM shutdown
   * hooks, which only {@code java.lang.ApplicationShutdownHooks} lists, and the thread-locals of
   * threads that outlive a warm restart.
   */
  static final List<String> OPEN_JAVA_LANG =
      List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED");

  /** The system property that turns Spring Boot DevTools' own restarts off. */
  static final String DEVTOOLS_RESTART = "spring.devtools.restart.enabled";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServeRequest request;
  private final ApplicationSpec spec;
  private final String tag;
  private final SessionFolder session;
  private volatile MainClassLocator.MainClass main;
  private final PatchServer server;
  private final Path workingDirectory;
  private final ApplicationOutput output;
  private final boolean devToolsOff;
  private int starts;

  /** The libraries and the files of the start that runs, which a warm restart keeps. */
  private List<String> runningLibraries;

  private Path runningHooksPending;
  private Path runningMainFailed;

  /**
   * @param spec the application's own settings
   * @param tag tells this application's files and builds in the session folder apart from those of
   *     the others serve runs; empty when serve runs one application
   * @param output where the application's output and error go
   */
  public ApplicationLauncher(
      ServeRequest request,
      ApplicationSpec spec,
      String tag,
      SessionFolder session,
      MainClassLocator.MainClass main,
      PatchServer server,
      Path workingDirectory,
      ApplicationOutput output) {
    this.request = request;
    this.spec = spec;
    this.tag = tag.isEmpty() ? "" : tag + "-";
    this.session = session;
    this.main = main;
    this.server = server;
    this.workingDirectory = workingDirectory;
    this.output = output;
    this.devToolsOff =
        DevTools.onClassPath(main.module().runtimeClasspath())
            && spec.jvmArgs().stream().noneMatch(arg -> arg.startsWith("-D" + DEVTOOLS_RESTART));
  }

  /**
   * Whether serve turns Spring Boot DevTools' restarts off: it is on the application's class path,
   * and the user's JVM options do not set them themselves.
   */
  public boolean turnsDevToolsOff() {
    return devToolsOff;
  }

  /**
   * The build files now describe the main class's module as {@code module}: the next start puts its
   * third-party jars on the class path.
   */
  public void mainModuleChanged(WorkspaceModule module) {
    main = new MainClassLocator.MainClass(main.className(), module);
  }

  /**
   * Starts the application on {@code modules}, the versions it is to load, in a new JVM, and tells
   * the patch server which build and process to accept.
   *
   * @param stableClasses what the stable layer loads, by module (see {@link
   *     PatchPlanner#stableClasses})
   */
  public AppProcess start(List<ModuleBuild> modules, Map<String, List<String>> stableClasses)
      throws IOException {
    // A file per start: one that a killed application left behind says nothing of the next.
    ++starts;
    // A new id per start: a patch computed for an earlier start of the application is refused.
    String buildId = buildId();
    Path hooksPending = session.root().resolve(tag + "hooks-pending-" + starts);
    Path mainFailed = session.root().resolve(tag + "main-failed-" + starts);
    MainClassLocator.MainClass main = this.main;
    writeLaunchManifest(main, modules, stableClasses, buildId, hooksPending, mainFailed);
    runningLibraries = libraries();
    runningHooksPending = hooksPending;
    runningMainFailed = mainFailed;
    server.expect(buildId);
    AppProcess app =
        AppProcess.start(command(), workingDirectory, hooksPending, mainFailed, output);
    server.launched(buildId, app.pid());
    return app;
  }

  /**
   * Writes the launch manifest of a warm restart of the running JVM on {@code modules}: a new build
   * id, the files of the running JVM.
   *
   * @return the new build id, or empty when only a new JVM can run these builds: their libraries
   *     differ from the running ones (a changed dependency set)
   */
  public Optional<String> prepareWarmStart(
      List<ModuleBuild> modules, Map<String, List<String>> stableClasses) throws IOException {
    if (runningLibraries == null || !runningLibraries.equals(libraries())) {
      return Optional.empty();
    }
    ++starts;
    String buildId = buildId();
    writeLaunchManifest(
        main, modules, stableClasses, buildId, runningHooksPending, runningMainFailed);
    return Optional.of(buildId);
  }

  private String buildId() {
    return session.id() + "." + tag + starts;
  }

  /** The launch manifest the runtime of this application reads. */
  private Path launchManifest() {
    return tag.isEmpty()
        ? session.launchManifest()
        : session.root().resolve(tag + session.launchManifest().getFileName());
  }

  private List<String> libraries() {
    return new LinkedHashSet<>(main.module().runtimeClasspath())
        .stream().map(Path::toString).toList();
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(request.javaExecutable().toString());
    command.addAll(OPEN_JAVA_LANG);
    if (devToolsOff) {
      // serve restarts the application itself; DevTools' restarter would do it again, in a loader
      // of its own that serve cannot patch.
      command.add("-D" + DEVTOOLS_RESTART + "=false");
    }
    command.addAll(spec.jvmArgs());
    command.add("-javaagent:" + request.runtimeJar());
    command.add("-cp");
    command.add(request.runtimeJar().toString());
    command.add(BOOT_CLASS);
    command.add(request.apiJar().toString());
    command.add(launchManifest().toString());
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
    manifest.put("args", spec.args());
    manifest.put("libraries", libraries());
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
        launchManifest(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
  }
}
