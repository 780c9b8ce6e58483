package dev.hotpatch.maven.mojo;

import dev.hotpatch.maven.workspace.CompilerSettings;
import dev.hotpatch.maven.workspace.Workspace;
import dev.hotpatch.maven.workspace.WorkspaceModule;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** Turns the reactor Maven has just compiled into the plain {@link Workspace} model. */
final class MavenWorkspaceReader {
  private static final String COMPILER_PLUGIN = "org.apache.maven.plugins:maven-compiler-plugin";
  private static final Set<String> COMPILE_SCOPES =
      Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_PROVIDED, Artifact.SCOPE_SYSTEM);
  private static final Set<String> RUNTIME_SCOPES =
      Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME, Artifact.SCOPE_SYSTEM);

  /** The one copy of the API is the runtime's; the application's own copy would shadow it. */
  private static final String API_KEY = "dev.hotpatch:hotpatch-api";

  private MavenWorkspaceReader() {}

  static Workspace read(MavenSession session) {
    Set<String> reactor = new HashSet<>();
    for (MavenProject project : session.getProjects()) {
      reactor.add(project.getGroupId() + ":" + project.getArtifactId());
    }
    List<WorkspaceModule> modules = new ArrayList<>();
    for (MavenProject project : session.getProjects()) {
      if (!"pom".equals(project.getPackaging())) {
        modules.add(module(project, reactor));
      }
    }
    return new Workspace(session.getTopLevelProject().getBasedir().toPath(), modules);
  }

  private static WorkspaceModule module(MavenProject project, Set<String> reactor) {
    // The forked compile ran on a copy of the project: its source roots include generated ones.
    MavenProject built =
        project.getExecutionProject() != null ? project.getExecutionProject() : project;
    Path annotationOutput =
        Path.of(project.getBuild().getDirectory(), "generated-sources", "annotations");
    List<Path> sourceRoots = new ArrayList<>();
    for (String root : built.getCompileSourceRoots()) {
      Path path = Path.of(root);
      // javac regenerates annotation processor output itself on every compile.
      if (!path.equals(annotationOutput)) {
        sourceRoots.add(path);
      }
    }
    List<String> dependencies = new ArrayList<>();
    List<Path> compileClasspath = new ArrayList<>();
    List<Path> runtimeClasspath = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
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
        dependencies,
        compileClasspath,
        runtimeClasspath,
        compilerSettings(project));
  }

  private static CompilerSettings compilerSettings(MavenProject project) {
    Plugin plugin = project.getPlugin(COMPILER_PLUGIN);
    Xpp3Dom config = plugin == null ? null : (Xpp3Dom) plugin.getConfiguration();
    List<String> extraArgs = new ArrayList<>();
    Xpp3Dom compilerArgs = config == null ? null : config.getChild("compilerArgs");
    if (compilerArgs != null) {
      for (Xpp3Dom arg : compilerArgs.getChildren()) {
        extraArgs.add(arg.getValue());
      }
    }
    String compilerArgument = value(project, config, "compilerArgument", null);
    if (compilerArgument != null) {
      extraArgs.add(compilerArgument);
    }
    return new CompilerSettings(
        value(project, config, "release", "maven.compiler.release"),
        value(project, config, "source", "maven.compiler.source"),
        value(project, config, "target", "maven.compiler.target"),
        value(project, config, "encoding", "project.build.sourceEncoding"),
        Boolean.parseBoolean(value(project, config, "parameters", "maven.compiler.parameters")),
        !"false".equals(value(project, config, "debug", "maven.compiler.debug")),
        extraArgs);
  }

  /** A compiler plugin parameter: its configuration first, then the property it defaults to. */
  private static String value(MavenProject project, Xpp3Dom config, String name, String property) {
    Xpp3Dom child = config == null ? null : config.getChild(name);
    if (child != null && child.getValue() != null && !child.getValue().isBlank()) {
      return child.getValue().trim();
    }
    return property == null ? null : project.getProperties().getProperty(property);
  }
}
