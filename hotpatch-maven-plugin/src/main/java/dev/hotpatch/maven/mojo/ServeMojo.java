package dev.hotpatch.maven.mojo;

import dev.hotpatch.serve.ApplicationSpec;
import dev.hotpatch.serve.RestartPolicy;
import dev.hotpatch.serve.ServeException;
import dev.hotpatch.serve.ServeRequest;
import dev.hotpatch.serve.channel.Address;
import dev.hotpatch.serve.compile.CompilerUnavailableException;
import dev.hotpatch.serve.engine.ServeEngine;
import dev.hotpatch.serve.watch.WatchMode;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.shared.filtering.MavenResourcesFiltering;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs the application and hot-patches it as you edit it. Run it at the root of the reactor: it
 * builds the reactor up to {@code process-classes}, starts the main class with one class loader per
 * module, and turns every burst of saves into a patch of the running application (or a restart,
 * when no patch can be correct), until the application exits. A changed pom is read again: a new
 * dependency set restarts the application, new compiler or resource settings apply to the next
 * patch. When the application exits, serve run by {@code mvn} exits with the application's exit
 * code; run by Maven embedded in another JVM (an IDE, the Maven daemon), it fails the build with a
 * message naming a non-zero code instead. Ctrl-C stops both.
 */
@Mojo(
    name = "serve",
    aggregator = true,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
    threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class ServeMojo extends AbstractMojo {

  /** The build, whose reactor serve runs. */
  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  /** This plugin, which carries the runtime jars that serve puts into the application. */
  @Parameter(defaultValue = "${plugin}", readonly = true)
  private PluginDescriptor plugin;

  /** This execution, whose forked lifecycle compiled the modules. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  private MojoExecution mojoExecution;

  @Component private RepositorySystem repositorySystem;

  @Component private ProjectBuilder projectBuilder;

  @Component private ProjectDependenciesResolver dependenciesResolver;

  @Component private LifecycleExecutor lifecycleExecutor;

  /** maven-resources-plugin's filtering, so that a patched resource is what Maven writes. */
  @Component private MavenResourcesFiltering resourcesFiltering;

  /**
   * The fully qualified name of the application's main class, in any module of the reactor, e.g.
   * {@code com.example.app.Main} ({@code com.example.Outer$Main} for a nested class). When not set,
   * serve runs the reactor's only class with a {@code public static void main(String[])} and fails
   * with the list of candidates if there are several. Serve runs the main class's module and every
   * reactor module it depends on, and watches those. Several main classes separated by commas
   * ({@code -Dhotpatch.mainClass=shop.Server,shop.Worker}) start several applications, each in its
   * own JVM, with the same arguments and JVM options.
   */
  @Parameter(property = "hotpatch.mainClass")
  private String mainClass;

  /**
   * Several applications, each with its own settings: {@code <application>} elements with {@code
   * <mainClass>} (required) and, when they differ from the ones above, {@code <args>}, {@code
   * <jvmArgs>} and {@code <workingDirectory>}. Every application starts; one save is compiled once
   * and patched into each application that loads a changed module. Their output lines start with
   * their names ({@code Worker | }). When set, {@code mainClass} is not used.
   */
  @Parameter private List<Application> applications;

  /**
   * The application's arguments, separated by spaces as on a command line: quote an argument that
   * holds spaces, e.g. {@code -Dhotpatch.args="--port 8080 'two words'"}. Every restart passes them
   * again.
   */
  @Parameter(property = "hotpatch.args")
  private String args;

  /**
   * Options of the application's JVM, separated by spaces, e.g. {@code -Dhotpatch.jvmArgs="-Xmx1g
   * -Dapp.mode=dev --add-opens java.base/java.lang=ALL-UNNAMED"}. serve adds its own {@code
   * -javaagent} and class path after them.
   */
  @Parameter(property = "hotpatch.jvmArgs")
  private String jvmArgs;

  /**
   * The application's working directory. A relative path is resolved against the reactor root
   * (where serve runs); the folder must exist. By default, the reactor root.
   */
  @Parameter(property = "hotpatch.workingDirectory")
  private String workingDirectory;

  /**
   * The {@code java} executable that runs the application, e.g. {@code
   * /usr/lib/jvm/jdk-21/bin/java}; it must be Java 17 or later. By default, the {@code java} of the
   * JDK that runs Maven.
   */
  @Parameter(property = "hotpatch.java")
  private File java;

  /**
   * What serve watches to find changes. {@code sources}: the Java sources of every module, which
   * serve compiles in process with each module's compiler settings. {@code classes}: each module's
   * class folder ({@code target/classes}), for an IDE that compiles on save; serve compiles nothing
   * and patches what the IDE compiled. Either way, one burst of changes becomes one patch.
   */
  @Parameter(property = "hotpatch.watch", defaultValue = "sources")
  private String watch;

  /**
   * How long, in milliseconds, the watched files must stay unchanged before a burst of changes
   * becomes one patch. By default 50 with {@code hotpatch.watch=sources} and 300 with {@code
   * classes}, since an IDE's build writes files over a longer time than an editor's save.
   */
  @Parameter(property = "hotpatch.debounce")
  private Long debounce;

  /**
   * What to do when a change cannot be patched into the running application (a {@code @HotFacade}
   * interface changed, or a structural change that no {@code Hot.call} reaches): {@code auto}
   * restarts the application on the new code, {@code never} keeps it running on the old code and
   * says what was not applied. When the application crashes (an uncaught exception ends {@code
   * main}, or a signal that serve did not send kills it), {@code auto} keeps serve running and
   * starts the application again after the next change that compiles; {@code never} ends serve with
   * the application's exit code. A deliberate exit ({@code System.exit}) always ends serve. On a
   * terminal, {@code r} + Enter restarts at any time; touching {@code target/hotpatch/restart} does
   * the same from a script.
   */
  @Parameter(property = "hotpatch.restart", defaultValue = "auto")
  private String restart;

  /**
   * How long, in milliseconds, a warm restart waits for the application's non-daemon threads to end
   * once it has stopped the application (closed its Spring Boot contexts, run its {@code
   * Hot.onStop} actions and its shutdown hooks). A thread still running then makes serve start a
   * new JVM instead, and say which thread it was.
   */
  @Parameter(property = "hotpatch.stopTimeout", defaultValue = "5000")
  private long stopTimeout;

  /**
   * Whether a restart first tries to stop the application inside its JVM and run {@code main} again
   * in new class loaders over the same, JIT-warm libraries (Spring Boot applications, and those
   * that register how to stop them with {@code Hot.onStop}). {@code false} gives every restart a
   * new JVM.
   */
  @Parameter(property = "hotpatch.warmRestart", defaultValue = "true")
  private boolean warmRestart;

  /**
   * A file to which serve appends one JSON object per line for every event: {@code ready}, {@code
   * compile-error}, {@code patch-applied}, {@code patch-rejected}, {@code restart}, {@code
   * app-exit}. For tools and tests; see the usage page for the fields.
   */
  @Parameter(property = "hotpatch.events")
  private File events;

  /**
   * The loopback port of the patch server that the application connects to. 0, the default, lets
   * the system choose a free port; set one only when something between the two processes needs to
   * know it.
   */
  @Parameter(property = "hotpatch.port", defaultValue = "0")
  private int port;

  /**
   * Opens serve's remote channel on this address, {@code HOST:PORT} (e.g. {@code 0.0.0.0:7711} for
   * every address of the machine), for applications that run from a bundle in a container or on
   * another host ({@code mvn hotpatch:bundle}). The channel is always TLS with the reactor's own
   * certificate, which the bundle pins, and the reactor's secret. Without it, serve listens on
   * loopback only.
   */
  @Parameter(property = "hotpatch.listen")
  private String listen;

  /**
   * {@code local} (the default): serve starts the application. {@code remote}: serve starts none
   * and waits for the application to connect from its bundle to the channel {@code listen} opens.
   */
  @Parameter(property = "hotpatch.launch", defaultValue = "local")
  private String launch;

  /**
   * Makes new keys (certificate and secret) for the remote channel before anything else: bundles
   * made before can no longer connect. {@code mvn clean} deletes them too.
   */
  @Parameter(property = "hotpatch.rotateKeys", defaultValue = "false")
  private boolean rotateKeys;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    ServeRequest request = request();
    int code;
    try {
      code = new ServeEngine(request).run();
    } catch (ServeException | CompilerUnavailableException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("hotpatch:serve was interrupted", e);
    }
    if (code == 0) {
      return;
    }
    if (!startedByMavensLauncher()) {
      // Embedded (an IDE, the Maven daemon, MavenCli): the JVM is not serve's to end.
      throw new MojoFailureException(
          "The application exited with code " + code + ". See its output above.");
    }
    // serve ends with the application's exit code, which Maven's own failure would hide.
    System.out.flush();
    System.exit(code);
  }

  boolean rotateKeys() {
    return rotateKeys;
  }

  /** Whether this goal writes a bundle rather than serving. */
  boolean bundles() {
    return false;
  }

  /** The address of the remote channel, {@code HOST:PORT}, or null for none. */
  String listen() throws MojoFailureException {
    if (listen == null || listen.isBlank()) {
      return null;
    }
    try {
      return Address.parse(listen, "hotpatch.listen").toString();
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    }
  }

  /** The session this configuration asks for, checked. */
  ServeRequest request() throws MojoExecutionException, MojoFailureException {
    if (!launch.equals("local") && !launch.equals("remote")) {
      throw new MojoFailureException(
          "Invalid hotpatch.launch '" + launch + "'. Use local or remote.");
    }
    if (launch.equals("local") && listen() != null && !bundles()) {
      throw new MojoFailureException(
          "-Dhotpatch.listen opens the remote channel for an application that runs from its"
              + " bundle: add -Dhotpatch.launch=remote (serve then starts no application itself),"
              + " or leave hotpatch.listen out to run the application here.");
    }
    if (launch.equals("remote") && listen() == null) {
      throw new MojoFailureException(
          "-Dhotpatch.launch=remote waits for an application to connect from its bundle: open the"
              + " remote channel with -Dhotpatch.listen=HOST:PORT too, e.g. 0.0.0.0:7711.");
    }
    if (port < 0 || port > 65535) {
      throw new MojoFailureException(
          "Invalid hotpatch.port " + port + ". Use 0 (any free port) or a port from 1 to 65535.");
    }
    if (debounce != null && debounce < 0) {
      throw new MojoFailureException(
          "Invalid hotpatch.debounce " + debounce + ". Use a number of milliseconds, 0 or more.");
    }
    if (stopTimeout < 0) {
      throw new MojoFailureException(
          "Invalid hotpatch.stopTimeout "
              + stopTimeout
              + ". Use a number of milliseconds, 0 or more (5000 by default).");
    }
    if (!restart.equals("auto") && !restart.equals("never")) {
      throw new MojoFailureException(
          "Invalid hotpatch.restart '" + restart + "'. Use auto or never.");
    }
    if (!watch.equals("sources") && !watch.equals("classes")) {
      throw new MojoFailureException(
          "Invalid hotpatch.watch '" + watch + "'. Use sources or classes.");
    }
    MavenWorkspaceReader reader =
        new MavenWorkspaceReader(session, mojoExecution, repositorySystem, getLog());
    MavenResources resources = reader.resources(resourcesFiltering);
    return ServeRequest.builder(
            reader.read(),
            jarOf("dev.hotpatch:hotpatch-api"),
            jarOf("dev.hotpatch:hotpatch-runtime"))
        .workspaceReader(
            new ReactorRereader(
                session,
                projectBuilder,
                dependenciesResolver,
                lifecycleExecutor,
                reader,
                resources))
        .mainClass(mainClass)
        .args(ArgumentLines.split("hotpatch.args", args))
        .jvmArgs(ArgumentLines.split("hotpatch.jvmArgs", jvmArgs))
        .javaExecutable(java == null ? null : java.toPath())
        .eventsFile(events == null ? null : events.toPath())
        .port(port)
        .watch(WatchMode.valueOf(watch.toUpperCase(Locale.ROOT)))
        .debounce(debounce == null ? null : Duration.ofMillis(debounce))
        .quiet(!getLog().isInfoEnabled())
        .interactive(session.getRequest().isInteractiveMode())
        .restart(RestartPolicy.valueOf(restart.toUpperCase(Locale.ROOT)))
        .stopTimeout(Duration.ofMillis(stopTimeout))
        .warmRestart(warmRestart)
        .workingDirectory(
            workingDirectory == null || workingDirectory.isBlank()
                ? null
                : Path.of(workingDirectory))
        .resources(resources)
        .applications(applicationSpecs())
        .listen(listen())
        .remoteLaunch(launch.equals("remote"))
        .rotateKeys(rotateKeys)
        .build();
  }

  /** Whether Maven runs in a JVM of its own, started by its launcher ({@code mvn}). */
  private List<ApplicationSpec> applicationSpecs() throws MojoFailureException {
    List<ApplicationSpec> specs = new ArrayList<>();
    if (applications != null) {
      for (Application application : applications) {
        specs.add(application.toSpec(specs.size() + 1));
      }
    }
    return specs;
  }

  static boolean startedByMavensLauncher() {
    return System.getProperty("sun.java.command", "")
        .startsWith("org.codehaus.plexus.classworlds.launcher.Launcher");
  }

  private Path jarOf(String key) throws MojoExecutionException {
    Artifact artifact = plugin.getArtifactMap().get(key);
    if (artifact == null || artifact.getFile() == null) {
      throw new MojoExecutionException(
          "The hotpatch plugin cannot find its own " + key + " jar. Reinstall hotpatch.");
    }
    return artifact.getFile().toPath();
  }
}
