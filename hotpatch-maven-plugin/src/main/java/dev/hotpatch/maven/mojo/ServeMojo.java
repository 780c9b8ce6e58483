package dev.hotpatch.maven.mojo;

import dev.hotpatch.maven.compile.CompilerUnavailableException;
import dev.hotpatch.maven.serve.ServeEngine;
import dev.hotpatch.maven.serve.ServeException;
import dev.hotpatch.maven.serve.ServeRequest;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
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
import org.codehaus.plexus.util.cli.CommandLineUtils;
import org.eclipse.aether.RepositorySystem;

/**
 * Compiles the reactor, starts the application with one class loader per module, and hot-patches
 * every module of it as you edit its sources, until the application exits. Run it at the root of
 * the reactor.
 */
@Mojo(
    name = "serve",
    aggregator = true,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
    threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class ServeMojo extends AbstractMojo {

  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  private PluginDescriptor plugin;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  private MojoExecution mojoExecution;

  @Component private RepositorySystem repositorySystem;

  /**
   * The fully qualified name of the application's main class, in any module of the reactor. When
   * not set, serve uses the reactor's only class with a {@code public static void main(String[])}
   * and lists the candidates if there are several.
   */
  @Parameter(property = "hotpatch.mainClass")
  private String mainClass;

  /** The application's arguments, separated by spaces; quote an argument that holds spaces. */
  @Parameter(property = "hotpatch.args")
  private String args;

  /** Options for the application JVM, separated by spaces, e.g. {@code -Xmx1g --add-opens ...}. */
  @Parameter(property = "hotpatch.jvmArgs")
  private String jvmArgs;

  /**
   * A file to which serve appends one JSON object per line for every event: ready, compile-error,
   * patch-applied, patch-rejected, restart, app-exit. For tools and tests.
   */
  @Parameter(property = "hotpatch.events")
  private File events;

  /** The loopback port of the patch server; 0 lets the system choose a free one. */
  @Parameter(property = "hotpatch.port", defaultValue = "0")
  private int port;

  /**
   * How long, in milliseconds, the sources must stay unchanged before a burst of saves becomes one
   * patch.
   */
  @Parameter(property = "hotpatch.debounce", defaultValue = "50")
  private long debounce;

  /**
   * What to do when a change cannot be patched into the running application (a {@code @HotFacade}
   * interface changed, for example): {@code auto} restarts the application on the new code, {@code
   * never} keeps it running on the old code and says so.
   */
  @Parameter(property = "hotpatch.restart", defaultValue = "auto")
  private String restart;

  /** The {@code java} executable that runs the application; by default the one running Maven. */
  @Parameter(property = "hotpatch.java")
  private File java;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (port < 0 || port > 65535) {
      throw new MojoFailureException(
          "Invalid hotpatch.port " + port + ". Use 0 (any free port) or a port from 1 to 65535.");
    }
    if (debounce < 0) {
      throw new MojoFailureException(
          "Invalid hotpatch.debounce " + debounce + ". Use a number of milliseconds, 0 or more.");
    }
    if (!restart.equals("auto") && !restart.equals("never")) {
      throw new MojoFailureException(
          "Invalid hotpatch.restart '" + restart + "'. Use auto or never.");
    }
    ServeRequest request =
        new ServeRequest(
            new MavenWorkspaceReader(session, mojoExecution, repositorySystem, getLog()).read(),
            mainClass,
            split("hotpatch.args", args),
            split("hotpatch.jvmArgs", jvmArgs),
            java != null ? java.toPath() : Path.of(System.getProperty("java.home"), "bin", "java"),
            jarOf("dev.hotpatch:hotpatch-api"),
            jarOf("dev.hotpatch:hotpatch-runtime"),
            events == null ? null : events.toPath(),
            port,
            Duration.ofMillis(debounce),
            !getLog().isInfoEnabled(),
            restart.equals("auto"));
    int code;
    try {
      code = new ServeEngine(request).run();
    } catch (ServeException | CompilerUnavailableException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("hotpatch:serve was interrupted", e);
    }
    if (code != 0) {
      // serve ends with the application's exit code, which Maven's own failure would hide.
      System.out.flush();
      System.exit(code);
    }
  }

  private Path jarOf(String key) throws MojoExecutionException {
    Artifact artifact = plugin.getArtifactMap().get(key);
    if (artifact == null || artifact.getFile() == null) {
      throw new MojoExecutionException(
          "The hotpatch plugin cannot find its own " + key + " jar. Reinstall hotpatch.");
    }
    return artifact.getFile().toPath();
  }

  private static List<String> split(String parameter, String line) throws MojoFailureException {
    if (line == null || line.isBlank()) {
      return List.of();
    }
    try {
      return List.of(CommandLineUtils.translateCommandline(line));
    } catch (Exception e) {
      throw new MojoFailureException(
          "Cannot split "
              + parameter
              + " ("
              + line
              + "): "
              + e.getMessage()
              + ". Check its quotes.",
          e);
    }
  }
}
