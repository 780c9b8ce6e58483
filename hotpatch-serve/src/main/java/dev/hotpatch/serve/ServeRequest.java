package dev.hotpatch.serve;

import dev.hotpatch.serve.engine.ServeEngine;
import dev.hotpatch.serve.resources.ResourceProcessor;
import dev.hotpatch.serve.watch.WatchMode;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link ServeEngine} needs, free of Maven types. Made with {@link #builder}, which
 * names every setting and gives those left out their defaults.
 *
 * @param workspace the reactor's modules in build order, compiled
 * @param applications the applications to start and patch, at least one: each loads the modules of
 *     its main class
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
 * @param restart what to do when no patch can be correct, or when the application crashes
 * @param stopTimeout how long a warm restart waits for the application's non-daemon threads to end
 *     after stopping it, before it starts a new JVM instead
 * @param warmRestart whether a restart first tries to run main again inside the application's JVM
 * @param resources how a changed resource is processed: Maven's filtering when the front end has
 *     Maven, else the engine's own
 * @param workspaceReader reads the workspace again when one of its build files changes; null when
 *     serve is not to follow the build files
 * @param listen {@code HOST:PORT} where serve's remote channel listens (TLS only), or null for none
 * @param remoteLaunch whether serve starts no application itself and waits for remote ones, started
 *     from a bundle, to connect to its remote channel
 * @param rotateKeys whether serve makes new keys for the remote channel first, so that bundles made
 *     before can no longer connect
 */
public record ServeRequest(
    Workspace workspace,
    List<ApplicationSpec> applications,
    Path javaExecutable,
    Path apiJar,
    Path runtimeJar,
    Path eventsFile,
    int port,
    WatchMode watch,
    Duration debounce,
    boolean quiet,
    boolean interactive,
    RestartPolicy restart,
    Duration stopTimeout,
    boolean warmRestart,
    ResourceProcessor resources,
    WorkspaceReader workspaceReader,
    String listen,
    boolean remoteLaunch,
    boolean rotateKeys) {

  /** How long a warm restart waits for the application's threads by default. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

  public ServeRequest {
    applications = List.copyOf(applications);
    if (applications.isEmpty()) {
      throw new IllegalArgumentException("a serve request names at least one application");
    }
    if (remoteLaunch && listen == null) {
      throw new IllegalArgumentException(
          "-Dhotpatch.launch=remote waits for remote applications, which connect to the remote"
              + " channel: open it with -Dhotpatch.listen=HOST:PORT");
    }
  }

  /** Whether serve runs several applications, whose output it then labels with their names. */
  public boolean severalApplications() {
    return applications.size() > 1;
  }

  /**
   * A request to serve {@code workspace}, putting these two jars into the application.
   *
   * @param apiJar the hotpatch-api jar
   * @param runtimeJar the hotpatch-runtime jar
   */
  public static Builder builder(Workspace workspace, Path apiJar, Path runtimeJar) {
    return new Builder(workspace, apiJar, runtimeJar);
  }

  /**
   * Names each setting of a {@link ServeRequest}; a setting left out, or set to null, has the
   * default its method names.
   */
  public static final class Builder {
    private final Workspace workspace;
    private final Path apiJar;
    private final Path runtimeJar;
    private String mainClass;
    private List<String> args = List.of();
    private List<String> jvmArgs = List.of();
    private Path javaExecutable;
    private Path eventsFile;
    private int port;
    private WatchMode watch = WatchMode.SOURCES;
    private Duration debounce;
    private boolean quiet;
    private boolean interactive;
    private RestartPolicy restart = RestartPolicy.AUTO;
    private Path workingDirectory;
    private List<ApplicationSpec> applications = List.of();
    private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
    private boolean warmRestart = true;
    private WorkspaceReader workspaceReader;
    private ResourceProcessor resources = ResourceProcessor.standalone();
    private String listen;
    private boolean remoteLaunch;
    private boolean rotateKeys;

    private Builder(Workspace workspace, Path apiJar, Path runtimeJar) {
      this.workspace = Objects.requireNonNull(workspace, "workspace");
      this.apiJar = Objects.requireNonNull(apiJar, "apiJar");
      this.runtimeJar = Objects.requireNonNull(runtimeJar, "runtimeJar");
    }

    /**
     * The application's main class; by default (null) the workspace's only one. Several, separated
     * by commas, start several applications with the same arguments, JVM options and working
     * directory; {@link #applications} sets them one by one.
     */
    public Builder mainClass(String mainClass) {
      this.mainClass = mainClass;
      return this;
    }

    /** The application's arguments; none by default. */
    public Builder args(List<String> args) {
      this.args = args == null ? List.of() : args;
      return this;
    }

    /** Options of the application's JVM; none by default. */
    public Builder jvmArgs(List<String> jvmArgs) {
      this.jvmArgs = jvmArgs == null ? List.of() : jvmArgs;
      return this;
    }

    /** The {@code java} that runs the application; by default the one running serve. */
    public Builder javaExecutable(Path javaExecutable) {
      this.javaExecutable = javaExecutable;
      return this;
    }

    /** Where to append the JSON events; by default (null) nowhere. */
    public Builder eventsFile(Path eventsFile) {
      this.eventsFile = eventsFile;
      return this;
    }

    /** The patch server's loopback port; by default 0, any free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** What serve watches; by default the sources. */
    public Builder watch(WatchMode watch) {
      this.watch = watch == null ? WatchMode.SOURCES : watch;
      return this;
    }

    /** How long changes must settle before they are patched; by default the watch mode's. */
    public Builder debounce(Duration debounce) {
      this.debounce = debounce;
      return this;
    }

    /** Whether serve prints only warnings and errors; false by default. */
    public Builder quiet(boolean quiet) {
      this.quiet = quiet;
      return this;
    }

    /** Whether serve may take keyboard commands on a terminal; false by default. */
    public Builder interactive(boolean interactive) {
      this.interactive = interactive;
      return this;
    }

    /** What serve does when only a restart is correct, or on a crash; {@code AUTO} by default. */
    public Builder restart(RestartPolicy restart) {
      this.restart = restart == null ? RestartPolicy.AUTO : restart;
      return this;
    }

    /** The application's working directory; by default (null) the reactor root. */
    public Builder workingDirectory(Path workingDirectory) {
      this.workingDirectory = workingDirectory;
      return this;
    }

    /**
     * How long a warm restart waits for the stopped application's non-daemon threads; 5 s by
     * default.
     */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = stopTimeout == null ? DEFAULT_STOP_TIMEOUT : stopTimeout;
      return this;
    }

    /**
     * Whether restarts are warm when the application can be stopped inside its JVM; true by
     * default. False gives every restart a new JVM.
     */
    public Builder warmRestart(boolean warmRestart) {
      this.warmRestart = warmRestart;
      return this;
    }

    /**
     * What reads the workspace again when one of its build files changes; by default (null) serve
     * does not follow the build files.
     */
    public Builder workspaceReader(WorkspaceReader workspaceReader) {
      this.workspaceReader = workspaceReader;
      return this;
    }

    public Builder resources(ResourceProcessor resources) {
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /**
     * The applications to run, each with its own settings; when set, {@link #mainClass}, {@link
     * #args}, {@link #jvmArgs} and {@link #workingDirectory} are only the defaults of the settings
     * an application leaves out (null).
     */
    public Builder applications(List<ApplicationSpec> applications) {
      this.applications = applications == null ? List.of() : applications;
      return this;
    }

    /** Opens the remote channel on {@code HOST:PORT}; by default (null) there is none. */
    public Builder listen(String listen) {
      this.listen = listen == null || listen.isBlank() ? null : listen.strip();
      return this;
    }

    /** Starts no application and waits for remote ones; by default serve starts them itself. */
    public Builder remoteLaunch(boolean remoteLaunch) {
      this.remoteLaunch = remoteLaunch;
      return this;
    }

    /** Makes new keys for the remote channel before anything else; by default they are kept. */
    public Builder rotateKeys(boolean rotateKeys) {
      this.rotateKeys = rotateKeys;
      return this;
    }

    public ServeRequest build() {
      return new ServeRequest(
          workspace,
          resolvedApplications(),
          javaExecutable != null
              ? javaExecutable
              : Path.of(System.getProperty("java.home"), "bin", "java"),
          apiJar,
          runtimeJar,
          eventsFile,
          port,
          watch,
          debounce != null ? debounce : watch.defaultDebounce(),
          quiet,
          interactive,
          restart,
          stopTimeout,
          warmRestart,
          resources,
          workspaceReader,
          listen,
          remoteLaunch,
          rotateKeys);
    }

    private List<ApplicationSpec> resolvedApplications() {
      if (!applications.isEmpty()) {
        return applications.stream()
            .map(
                app ->
                    new ApplicationSpec(
                        app.mainClass() != null ? app.mainClass() : mainClass,
                        app.args() != null ? app.args() : args,
                        app.jvmArgs() != null ? app.jvmArgs() : jvmArgs,
                        app.workingDirectory() != null ? app.workingDirectory() : workingDirectory))
            .toList();
      }
      if (mainClass == null || !mainClass.contains(",")) {
        return List.of(new ApplicationSpec(mainClass, args, jvmArgs, workingDirectory));
      }
      List<ApplicationSpec> listed =
          Arrays.stream(mainClass.split(","))
              .map(String::strip)
              .filter(name -> !name.isEmpty())
              .map(name -> new ApplicationSpec(name, args, jvmArgs, workingDirectory))
              .toList();
      return listed.isEmpty()
          ? List.of(new ApplicationSpec(null, args, jvmArgs, workingDirectory))
          : listed;
    }
  }
}
