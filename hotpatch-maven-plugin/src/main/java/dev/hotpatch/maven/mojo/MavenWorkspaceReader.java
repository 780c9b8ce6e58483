package dev.hotpatch.maven.mojo;

import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.ModuleResources;
import dev.hotpatch.serve.workspace.ResourceRoot;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.shared.filtering.MavenResourcesFiltering;
import org.eclipse.aether.RepositorySystem;

/**
 * Turns the reactor Maven has just compiled into the plain {@link Workspace} model, each module
 * with the javac settings of the compile execution that built it.
 */
final class MavenWorkspaceReader {
  private static final String COMPILER_PLUGIN = "maven-compiler-plugin";
  private static final Set<String> COMPILE_SCOPES =
      Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_PROVIDED, Artifact.SCOPE_SYSTEM);
  private static final Set<String> RUNTIME_SCOPES =
      Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME, Artifact.SCOPE_SYSTEM);

  /** The one copy of the API is the runtime's; the application's own copy would shadow it. */
  private static final String API_KEY = "dev.hotpatch:hotpatch-api";

  private final MavenSession session;
  private final MojoExecution serve;
  private final ProcessorPathResolver processorPaths;
  private final Log log;

  /**
   * @param serve the serve goal's execution, whose forked lifecycle compiled every module
   */
  MavenWorkspaceReader(
      MavenSession session, MojoExecution serve, RepositorySystem repositories, Log log) {
    this.session = session;
    this.serve = serve;
    this.processorPaths = new ProcessorPathResolver(repositories, session.getRepositorySession());
    this.log = log;
  }

  /**
   * The source folders that plugins added to each module while the first build ran (build-helper's
   * {@code add-source}, say), by {@code groupId:artifactId}: a reading of the poms alone lacks
   * them.
   */
  private final Map<String, List<String>> addedSourceRoots = new HashMap<>();

  /** Modules with packaging {@code pom} hold no code and are left out. */
  Workspace read() throws MojoFailureException {
    Set<String> reactor = reactor(session.getProjects());
    List<WorkspaceModule> modules = new ArrayList<>();
    for (MavenProject project : session.getProjects()) {
      if ("pom".equals(project.getPackaging())) {
        continue;
      }
      // The forked compile ran on a copy of the project: its source roots include generated ones.
      MavenProject built =
          project.getExecutionProject() != null ? project.getExecutionProject() : project;
      List<String> added = new ArrayList<>(built.getCompileSourceRoots());
      added.removeAll(project.getCompileSourceRoots());
      addedSourceRoots.put(key(project), added);
      modules.add(
          module(project, built, project.getArtifacts(), compileExecution(project), reactor));
    }
    Path root = session.getTopLevelProject().getBasedir().toPath();
    return new Workspace(root, modules, buildFiles(session.getProjects(), root));
  }

  /** The {@code groupId:artifactId} of every module with code. */
  static Set<String> reactor(List<MavenProject> projects) {
    Set<String> reactor = new HashSet<>();
    for (MavenProject project : projects) {
      if (!"pom".equals(project.getPackaging())) {
        reactor.add(key(project));
      }
    }
    return reactor;
  }

  static String key(MavenProject project) {
    return project.getGroupId() + ":" + project.getArtifactId();
  }

  /**
   * Adds to {@code project}, a new reading of a module's pom, the source folders that plugins added
   * to the module at the first build.
   */
  void addSourceRootsAddedByPlugins(MavenProject project) {
    for (String added : addedSourceRoots.getOrDefault(key(project), List.of())) {
      project.addCompileSourceRoot(added);
    }
  }

  /**
   * The pom of every project, and every parent pom that lies inside the reactor's folder: what
   * serve watches to read the workspace again.
   */
  static List<Path> buildFiles(List<MavenProject> projects, Path root) {
    Set<Path> files = new java.util.LinkedHashSet<>();
    for (MavenProject project : projects) {
      for (MavenProject p = project; p != null && p.getFile() != null; p = p.getParent()) {
        Path file = p.getFile().toPath().toAbsolutePath().normalize();
        if (!file.startsWith(root)) {
          break;
        }
        files.add(file);
      }
    }
    return List.copyOf(files);
  }

  /**
   * Maven's processing of changed resources for the modules of {@link #read}: each with its project
   * and the {@code resources} execution the forked lifecycle ran.
   */
  MavenResources resources(MavenResourcesFiltering filtering) {
    Map<String, MavenResources.Module> modules = new HashMap<>();
    for (MavenProject project : session.getProjects()) {
      if (!"pom".equals(project.getPackaging())) {
        String key =
            project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
        modules.put(
            project.getArtifactId(),
            new MavenResources.Module(
                project,
                MavenResources.resourcesExecution(
                    serve.getForkedExecutions().getOrDefault(key, List.of()))));
      }
    }
    return new MavenResources(session, filtering, modules);
  }

  /**
   * One module.
   *
   * @param project the module's project
   * @param built the project whose source folders and resources the build used
   * @param artifacts its resolved dependencies, workspace modules included
   * @param compile its maven-compiler-plugin {@code compile} execution, or null
   * @param reactor the {@code groupId:artifactId} of every module with code
   */
  WorkspaceModule module(
      MavenProject project,
      MavenProject built,
      Set<Artifact> artifacts,
      MojoExecution compile,
      Set<String> reactor)
      throws MojoFailureException {
    CompilerPluginConfiguration configuration =
        compile == null ? null : configuration(built, compile);
    CompilerSettings settings = CompilerSettings.defaults();
    List<Path> sourceRoots = new ArrayList<>();
    if (configuration == null || configuration.skipped()) {
      if (hasJavaSources(built)) {
        log.warn(
            "Module "
                + project.getArtifactId()
                + " (packaging "
                + project.getPackaging()
                + ") has Java sources, but its build does not compile them with"
                + " maven-compiler-plugin:compile, so hotpatch cannot compile them the way the"
                + " build does. The application uses the module as built and edits to it are not"
                + " patched; bind maven-compiler-plugin's compile goal in that module (and leave"
                + " maven.main.skip unset) to make it patchable.");
      }
    } else {
      settings =
          configuration.settings(processorPaths.resolve(project, configuration.processorPaths()));
      for (String root : built.getCompileSourceRoots()) {
        Path path = Path.of(root);
        // A patch regenerates annotation processor output in a folder of its own.
        if (!path.equals(settings.generatedSourcesDirectory())) {
          sourceRoots.add(path);
        }
      }
      if (sourceRoots.stream().noneMatch(Files::isDirectory)) {
        log.info(
            "Module "
                + project.getArtifactId()
                + " has no source folder, so there is nothing in it to patch; it runs as built."
                + " Restart serve after adding sources to it.");
      }
    }
    List<String> dependencies = new ArrayList<>();
    List<Path> compileClasspath = new ArrayList<>();
    List<Path> runtimeClasspath = new ArrayList<>();
    for (Artifact artifact : artifacts) {
      String key = artifact.getGroupId() + ":" + artifact.getArtifactId();
      if (reactor.contains(key)) {
        dependencies.add(artifact.getArtifactId());
        continue;
      }
      File file = artifact.getFile();
      if (file == null) {
        continue;
      }
      if (COMPILE_SCOPES.contains(artifact.getScope())) {
        compileClasspath.add(file.toPath());
      }
      if (RUNTIME_SCOPES.contains(artifact.getScope()) && !key.equals(API_KEY)) {
        runtimeClasspath.add(file.toPath());
      }
    }
    return new WorkspaceModule(
        project.getArtifactId(),
        project.getBasedir().toPath(),
        sourceRoots,
        Path.of(project.getBuild().getOutputDirectory()),
        Path.of(project.getBuild().getDirectory()),
        dependencies,
        compileClasspath,
        runtimeClasspath,
        settings,
        resources(built));
  }

  /** The module's resources as maven-resources-plugin processes them. */
  private ModuleResources resources(MavenProject project) {
    List<ResourceRoot> roots = new ArrayList<>();
    for (Resource resource : project.getBuild().getResources()) {
      roots.add(
          new ResourceRoot(
              Path.of(resource.getDirectory()),
              resource.getTargetPath(),
              resource.isFiltering(),
              resource.getIncludes(),
              resource.getExcludes()));
    }
    // Later sources win: system properties over the project's, -D options over both.
    Map<String, String> values = new HashMap<>();
    putAll(values, project.getProperties());
    putAll(values, session.getSystemProperties());
    putAll(values, session.getUserProperties());
    for (String prefix : List.of("project.", "pom.")) {
      values.put(prefix + "groupId", project.getGroupId());
      values.put(prefix + "artifactId", project.getArtifactId());
      values.put(prefix + "version", project.getVersion());
      values.put(prefix + "packaging", project.getPackaging());
      putIfSet(values, prefix + "name", project.getName());
      putIfSet(values, prefix + "description", project.getDescription());
      putIfSet(values, prefix + "url", project.getUrl());
      values.put(prefix + "basedir", project.getBasedir().toString());
      values.put(prefix + "build.directory", project.getBuild().getDirectory());
      values.put(prefix + "build.outputDirectory", project.getBuild().getOutputDirectory());
      values.put(prefix + "build.finalName", project.getBuild().getFinalName());
      if (project.getParent() != null) {
        values.put(prefix + "parent.groupId", project.getParent().getGroupId());
        values.put(prefix + "parent.artifactId", project.getParent().getArtifactId());
        values.put(prefix + "parent.version", project.getParent().getVersion());
      }
    }
    values.put("basedir", project.getBasedir().toString());
    String encoding = project.getProperties().getProperty("project.build.sourceEncoding");
    Charset charset;
    try {
      charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      log.warn(
          "Module "
              + project.getArtifactId()
              + " sets project.build.sourceEncoding to '"
              + encoding
              + "', which this JVM does not know; filtered resources are patched in "
              + Charset.defaultCharset()
              + ".");
      charset = Charset.defaultCharset();
    }
    return new ModuleResources(roots, values, charset);
  }

  private static void putAll(Map<String, String> values, Properties properties) {
    for (String name : properties.stringPropertyNames()) {
      values.put(name, properties.getProperty(name));
    }
  }

  private static void putIfSet(Map<String, String> values, String name, String value) {
    if (value != null) {
      values.put(name, value);
    }
  }

  /**
   * The compiler plugin's {@code compile} execution that the forked lifecycle ran for {@code
   * project}, {@code default-compile} first, or null when it ran none.
   */
  private MojoExecution compileExecution(MavenProject project) {
    String key = project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
    List<MojoExecution> executions = serve.getForkedExecutions().getOrDefault(key, List.of());
    MojoExecution found = null;
    for (MojoExecution execution : executions) {
      if (COMPILER_PLUGIN.equals(execution.getArtifactId())
          && "compile".equals(execution.getGoal())
          && (found == null || "default-compile".equals(execution.getExecutionId()))) {
        found = execution;
      }
    }
    return found;
  }

  private CompilerPluginConfiguration configuration(MavenProject project, MojoExecution compile) {
    MavenSession forProject = session.clone();
    forProject.setCurrentProject(project);
    PluginParameterExpressionEvaluator evaluator =
        new PluginParameterExpressionEvaluator(forProject, compile);
    return new CompilerPluginConfiguration(
        project.getArtifactId(), compile.getConfiguration(), evaluator::evaluate);
  }

  private static boolean hasJavaSources(MavenProject project) {
    for (String root : project.getCompileSourceRoots()) {
      Path path = Path.of(root);
      if (!Files.isDirectory(path)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(path)) {
        if (files.anyMatch(file -> file.toString().endsWith(".java"))) {
          return true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the sources under " + path, e);
      }
    }
    return false;
  }
}
