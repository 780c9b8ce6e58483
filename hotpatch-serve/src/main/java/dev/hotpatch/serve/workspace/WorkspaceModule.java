package dev.hotpatch.serve.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * One module of the workspace, as the build describes it.
 *
 * @param name the module's artifactId, which names it in events and on the console
 * @param basedir the folder holding its pom.xml
 * @param sourceRoots folders of Java sources, generated ones included
 * @param outputDirectory where Maven compiled it ({@code target/classes})
 * @param buildDirectory where Maven writes everything it makes for it ({@code target}): never a
 *     source, even when a source root lies inside it
 * @param dependencies the workspace modules it depends on, direct and transitive, nearest first
 * @param compileClasspath third-party jars and folders it compiles against
 * @param runtimeClasspath third-party jars it needs at run time
 * @param compiler its javac settings
 * @param resources its resource folders and how Maven processes them
 */
public record WorkspaceModule(
    String name,
    Path basedir,
    List<Path> sourceRoots,
    Path outputDirectory,
    Path buildDirectory,
    List<String> dependencies,
    List<Path> compileClasspath,
    List<Path> runtimeClasspath,
    CompilerSettings compiler,
    ModuleResources resources) {

  public WorkspaceModule {
    sourceRoots = List.copyOf(sourceRoots);
    dependencies = List.copyOf(dependencies);
    compileClasspath = List.copyOf(compileClasspath);
    runtimeClasspath = List.copyOf(runtimeClasspath);
  }

  /** A module without resources. */
  public WorkspaceModule(
      String name,
      Path basedir,
      List<Path> sourceRoots,
      Path outputDirectory,
      Path buildDirectory,
      List<String> dependencies,
      List<Path> compileClasspath,
      List<Path> runtimeClasspath,
      CompilerSettings compiler) {
    this(
        name,
        basedir,
        sourceRoots,
        outputDirectory,
        buildDirectory,
        dependencies,
        compileClasspath,
        runtimeClasspath,
        compiler,
        ModuleResources.none());
  }

  /**
   * The source folders serve watches, where the user edits: a folder inside {@code target/} is
   * written by the build, which serve does not run again.
   */
  public List<Path> watchedSourceRoots() {
    return sourceRoots.stream().filter(r -> !r.startsWith(buildDirectory)).toList();
  }

  /**
   * The resource folders serve watches: a folder inside {@code target/} is written by the build,
   * which serve does not run again.
   */
  public List<ResourceRoot> watchedResources() {
    return resources.roots().stream()
        .filter(r -> !r.directory().startsWith(buildDirectory))
        .toList();
  }
}
