package dev.hotpatch.maven.mojo;

import dev.hotpatch.serve.workspace.BuildFileException;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.lifecycle.MavenExecutionPlan;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.InputLocation;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DefaultProjectBuildingRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectBuildingException;
import org.apache.maven.project.ProjectBuildingRequest;
import org.apache.maven.project.ProjectBuildingResult;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.project.ProjectSorter;
import org.eclipse.aether.DefaultRepositoryCache;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;

/**
 * Reads the reactor's poms again while serve runs, the way Maven read them for the first build: the
 * projects through Maven's project builder, their dependencies through the resolver that resolved
 * them then (test scope left out, as serve's own resolution leaves it), and the compiler plugin's
 * configuration through the lifecycle's execution plan.
 */
final class ReactorRereader implements dev.hotpatch.serve.workspace.WorkspaceReader {
  private static final String COMPILER_PLUGIN = "maven-compiler-plugin";
  private static final String DISABLE_GLOBAL_MODEL_CACHE =
      "maven.defaultProjectBuilder.disableGlobalModelCache";

  private final MavenSession session;
  private final ProjectBuilder projects;
  private final ProjectDependenciesResolver dependencies;
  private final LifecycleExecutor lifecycle;
  private final MavenWorkspaceReader modules;
  private final MavenResources resources;
  private final ClassLoader pluginLoader;

  ReactorRereader(
      MavenSession session,
      ProjectBuilder projects,
      ProjectDependenciesResolver dependencies,
      LifecycleExecutor lifecycle,
      MavenWorkspaceReader modules,
      MavenResources resources) {
    this.session = session;
    this.projects = projects;
    this.dependencies = dependencies;
    this.lifecycle = lifecycle;
    this.modules = modules;
    this.resources = resources;
    this.pluginLoader = getClass().getClassLoader();
  }

  @Override
  public Workspace read() throws BuildFileException {
    // serve's patch thread calls this: Maven's components look up what they need through it.
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(pluginLoader);
    try {
      return readNow();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private Workspace readNow() throws BuildFileException {
    File rootPom = session.getTopLevelProject().getFile();
    Path root = session.getTopLevelProject().getBasedir().toPath();
    List<MavenProject> read = new ArrayList<>();
    DefaultRepositorySystemSession repository =
        new DefaultRepositorySystemSession(session.getRepositorySession());
    // Nothing read before may stand for a pom read now: a fresh cache, and the new projects first.
    repository.setCache(new DefaultRepositoryCache());
    repository.setWorkspaceReader(
        new NewProjects(read, session.getRepositorySession().getWorkspaceReader()));
    ProjectBuildingRequest request =
        new DefaultProjectBuildingRequest(session.getProjectBuildingRequest());
    request.setRepositorySession(repository);
    request.setResolveDependencies(false);
    request.setProcessPlugins(true);
    List<ProjectBuildingResult> results;
    // Maven 3's project builder keeps the parent poms it read in a cache of its own for the JVM's
    // life, unless this is set: a changed parent pom would go unread.
    String cache = System.getProperty(DISABLE_GLOBAL_MODEL_CACHE);
    System.setProperty(DISABLE_GLOBAL_MODEL_CACHE, "true");
    try {
      results = projects.build(List.of(rootPom), true, request);
    } catch (ProjectBuildingException e) {
      throw problem(e, rootPom);
    } finally {
      if (cache == null) {
        System.clearProperty(DISABLE_GLOBAL_MODEL_CACHE);
      } else {
        System.setProperty(DISABLE_GLOBAL_MODEL_CACHE, cache);
      }
    }
    for (ProjectBuildingResult result : results) {
      read.add(result.getProject());
    }
    List<MavenProject> sorted;
    try {
      sorted = new ProjectSorter(read).getSortedProjects();
    } catch (Exception e) {
      throw new BuildFileException(rootPom.toPath(), 0, sentence(e.getMessage()));
    }
    Set<String> reactor = MavenWorkspaceReader.reactor(sorted);
    List<WorkspaceModule> found = new ArrayList<>();
    Map<String, MavenResources.Module> processing = new HashMap<>();
    for (MavenProject project : sorted) {
      if ("pom".equals(project.getPackaging())) {
        continue;
      }
      modules.addSourceRootsAddedByPlugins(project);
      Set<Artifact> artifacts = resolve(project, repository);
      List<MojoExecution> plan = executionPlan(project, sorted);
      try {
        found.add(modules.module(project, project, artifacts, compileExecution(plan), reactor));
      } catch (MojoFailureException e) {
        throw new BuildFileException(project.getFile().toPath(), 0, sentence(e.getMessage()));
      }
      processing.put(
          project.getArtifactId(),
          new MavenResources.Module(project, MavenResources.resourcesExecution(plan)));
    }
    // Only a reading that succeeded whole replaces the last good one.
    resources.projectsRead(processing);
    return new Workspace(root, found, MavenWorkspaceReader.buildFiles(sorted, root));
  }

  /** The project's dependencies but those of test scope, as serve's first resolution had them. */
  private Set<Artifact> resolve(MavenProject project, RepositorySystemSession repository)
      throws BuildFileException {
    DefaultDependencyResolutionRequest request =
        new DefaultDependencyResolutionRequest(project, repository);
    request.setResolutionFilter(
        (node, parents) ->
            node.getDependency() == null || !"test".equals(node.getDependency().getScope()));
    DependencyResolutionResult result;
    try {
      result = dependencies.resolve(request);
    } catch (DependencyResolutionException e) {
      throw unresolved(project, e);
    }
    Set<Artifact> artifacts = new LinkedHashSet<>();
    if (result.getDependencyGraph() != null) {
      RepositoryUtils.toArtifacts(
          artifacts,
          result.getDependencyGraph().getChildren(),
          Collections.singletonList(project.getArtifact().getId()),
          null);
    }
    return artifacts;
  }

  /**
   * The executions that {@code process-classes} would run for {@code project}, configured as Maven
   * would configure them.
   */
  private List<MojoExecution> executionPlan(MavenProject project, List<MavenProject> all)
      throws BuildFileException {
    MavenSession forProject = session.clone();
    forProject.setProjects(all);
    forProject.setCurrentProject(project);
    MavenExecutionPlan plan;
    try {
      plan = lifecycle.calculateExecutionPlan(forProject, "process-classes");
    } catch (Exception e) {
      throw new BuildFileException(project.getFile().toPath(), 0, sentence(e.getMessage()));
    }
    return plan.getMojoExecutions();
  }

  /**
   * The compiler plugin's {@code compile} execution of {@code plan}, {@code default-compile} first.
   */
  private static MojoExecution compileExecution(List<MojoExecution> plan) {
    MojoExecution found = null;
    for (MojoExecution execution : plan) {
      if (COMPILER_PLUGIN.equals(execution.getArtifactId())
          && "compile".equals(execution.getGoal())
          && (found == null || "default-compile".equals(execution.getExecutionId()))) {
        found = execution;
      }
    }
    return found;
  }

  /** The first error of a project that does not build, with its pom and line. */
  private static BuildFileException problem(ProjectBuildingException e, File rootPom) {
    if (e.getResults() != null) {
      for (ProjectBuildingResult result : e.getResults()) {
        for (ModelProblem problem : result.getProblems()) {
          if (problem.getSeverity() == ModelProblem.Severity.WARNING) {
            continue;
          }
          String source = problem.getSource();
          Path file =
              source != null && source.endsWith(".xml")
                  ? Path.of(source)
                  : result.getPomFile() != null ? result.getPomFile().toPath() : rootPom.toPath();
          return new BuildFileException(
              file, Math.max(0, problem.getLineNumber()), sentence(problem.getMessage()));
        }
      }
    }
    File pom = e.getPomFile() != null ? e.getPomFile() : rootPom;
    return new BuildFileException(pom.toPath(), 0, sentence(e.getMessage()));
  }

  /** A dependency that does not resolve, named with the line of the pom that declares it. */
  private static BuildFileException unresolved(
      MavenProject project, DependencyResolutionException e) {
    DependencyResolutionResult result = e.getResult();
    String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    int line = 0;
    if (result != null && !result.getUnresolvedDependencies().isEmpty()) {
      org.eclipse.aether.graph.Dependency missing = result.getUnresolvedDependencies().get(0);
      for (Dependency declared : project.getDependencies()) {
        if (declared.getGroupId().equals(missing.getArtifact().getGroupId())
            && declared.getArtifactId().equals(missing.getArtifact().getArtifactId())) {
          InputLocation location = declared.getLocation("");
          line = location == null ? 0 : Math.max(0, location.getLineNumber());
        }
      }
      List<Exception> errors = result.getResolutionErrors(missing);
      if (errors != null && !errors.isEmpty()) {
        message = errors.get(0).getMessage();
      }
      message =
          "dependency "
              + missing.getArtifact()
              + " of module "
              + project.getArtifactId()
              + " does not resolve ("
              + sentence(message)
              + ")";
    } else {
      message =
          "the dependencies of module "
              + project.getArtifactId()
              + " do not resolve ("
              + sentence(message)
              + ")";
    }
    return new BuildFileException(project.getFile().toPath(), line, message);
  }

  /** Maven's message without its closing period, so that it ends a clause of ours. */
  private static String sentence(String message) {
    String text = message == null ? "unknown error" : message.strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * The projects just read, as the build's workspace reader has the reactor's: so that a module
   * added to the reactor resolves as a dependency of the others. The rest goes to the build's own.
   */
  private static final class NewProjects implements WorkspaceReader {
    private final List<MavenProject> projects;
    private final WorkspaceReader build;

    NewProjects(List<MavenProject> projects, WorkspaceReader build) {
      this.projects = projects;
      this.build = build;
    }

    @Override
    public WorkspaceRepository getRepository() {
      return build != null ? build.getRepository() : new WorkspaceRepository("reactor");
    }

    @Override
    public File findArtifact(org.eclipse.aether.artifact.Artifact artifact) {
      for (MavenProject project : projects) {
        if (project.getGroupId().equals(artifact.getGroupId())
            && project.getArtifactId().equals(artifact.getArtifactId())
            && project.getVersion().equals(artifact.getBaseVersion())) {
          return "pom".equals(artifact.getExtension())
              ? project.getFile()
              : new File(project.getBuild().getOutputDirectory());
        }
      }
      return build == null ? null : build.findArtifact(artifact);
    }

    @Override
    public List<String> findVersions(org.eclipse.aether.artifact.Artifact artifact) {
      for (MavenProject project : projects) {
        if (project.getGroupId().equals(artifact.getGroupId())
            && project.getArtifactId().equals(artifact.getArtifactId())) {
          return List.of(project.getVersion());
        }
      }
      return build == null ? List.of() : build.findVersions(artifact);
    }
  }
}
