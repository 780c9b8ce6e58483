package dev.hotpatch.maven.mojo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Resolves {@code <annotationProcessorPaths>} to files with their runtime dependencies, as
 * maven-compiler-plugin does: through the session's repositories, so that a processor built in the
 * reactor resolves to its build output.
 */
final class ProcessorPathResolver {
  private final RepositorySystem repositories;
  private final RepositorySystemSession session;

  ProcessorPathResolver(RepositorySystem repositories, RepositorySystemSession session) {
    this.repositories = repositories;
    this.session = session;
  }

  List<Path> resolve(MavenProject project, List<ProcessorCoordinate> paths)
      throws MojoFailureException {
    if (paths.isEmpty()) {
      return List.of();
    }
    List<org.eclipse.aether.graph.Dependency> roots = new ArrayList<>();
    for (ProcessorCoordinate path : paths) {
      roots.add(
          new org.eclipse.aether.graph.Dependency(
              artifact(project, path), "runtime", false, exclusions(path)));
    }
    CollectRequest collect =
        new CollectRequest(roots, List.of(), project.getRemoteProjectRepositories());
    try {
      List<Path> files = new ArrayList<>();
      for (ArtifactResult result :
          repositories
              .resolveDependencies(session, new DependencyRequest(collect, null))
              .getArtifactResults()) {
        files.add(result.getArtifact().getFile().toPath());
      }
      return files;
    } catch (DependencyResolutionException e) {
      throw new MojoFailureException(
          "Cannot resolve the <annotationProcessorPaths> of module "
              + project.getArtifactId()
              + " ("
              + String.join(", ", paths.stream().map(ProcessorCoordinate::describe).toList())
              + "): "
              + e.getMessage()
              + ". Check those coordinates in the maven-compiler-plugin configuration of its"
              + " pom.xml; mvn compile resolves them the same way.",
          e);
    }
  }

  private static Artifact artifact(MavenProject project, ProcessorCoordinate path)
      throws MojoFailureException {
    if (path.groupId() == null || path.artifactId() == null) {
      throw new MojoFailureException(
          "An <annotationProcessorPaths> <path> of module "
              + project.getArtifactId()
              + " has no groupId or artifactId. Give both in the maven-compiler-plugin"
              + " configuration of its pom.xml.");
    }
    String version = path.version() != null ? path.version() : managedVersion(project, path);
    if (version == null) {
      throw new MojoFailureException(
          "The annotation processor path "
              + path.describe()
              + " of module "
              + project.getArtifactId()
              + " has no version and the module's dependency management gives none. Add <version> to that <path> in the maven-compiler-plugin configuration.");
    }
    return new DefaultArtifact(
        path.groupId(), path.artifactId(), path.classifier(), extension(path.type()), version);
  }

  private static String managedVersion(MavenProject project, ProcessorCoordinate path) {
    if (project.getDependencyManagement() == null) {
      return null;
    }
    for (Dependency managed : project.getDependencyManagement().getDependencies()) {
      if (managed.getGroupId().equals(path.groupId())
          && managed.getArtifactId().equals(path.artifactId())) {
        return managed.getVersion();
      }
    }
    return null;
  }

  /** The file extension of a dependency type; the common types map to jar. */
  private static String extension(String type) {
    return switch (type) {
      case "maven-plugin", "test-jar", "ejb", "ejb-client", "java-source", "javadoc" -> "jar";
      default -> type;
    };
  }

  private static List<Exclusion> exclusions(ProcessorCoordinate path) {
    List<Exclusion> exclusions = new ArrayList<>();
    for (String exclusion : path.exclusions()) {
      String[] parts = exclusion.split(":", 2);
      exclusions.add(new Exclusion(parts[0], parts[1], "*", "*"));
    }
    return exclusions;
  }
}
