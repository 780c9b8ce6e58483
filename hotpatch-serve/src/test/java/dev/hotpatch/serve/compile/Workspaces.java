package dev.hotpatch.serve.compile;

import dev.hotpatch.diff.SnapshotReadException;
import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Modules in a temporary folder, first built the way Maven would, then edited. */
public final class Workspaces {
  private final Path dir;
  private final SnapshotStore snapshots = new SnapshotStore();

  /** Edits get times well after the build, so that the file system's clock never blurs them. */
  private long edits;

  public Workspaces(Path dir) {
    this.dir = dir;
  }

  static CompilerSettings release17() {
    return new CompilerSettings(
        "17", null, null, "UTF-8", true, null, false, false, false, true, false, null, List.of(),
        List.of(), List.of(), null);
  }

  public WorkspaceModule module(String name, List<String> dependencies) {
    return new WorkspaceModule(
        name,
        dir.resolve(name),
        List.of(dir.resolve(name).resolve("src")),
        dir.resolve(name).resolve("classes"),
        dir.resolve(name).resolve("target"),
        dependencies,
        List.of(),
        List.of(),
        release17());
  }

  public Path source(String module, String className) {
    return dir.resolve(module).resolve("src").resolve(className.replace('.', '/') + ".java");
  }

  /** Writes a source before the initial build. */
  public void write(String module, String className, String text) throws IOException {
    Path file = source(module, className);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
  }

  /** Saves a source as an editor would, after the initial build. */
  public void edit(String module, String className, String text) throws IOException {
    Path file = source(module, className);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10 + ++edits)));
  }

  /** The session's snapshots, which hold the first build of each module built here. */
  public SnapshotStore snapshots() {
    return snapshots;
  }

  /** A compiler of the session, over its snapshots. */
  public ModuleCompiler compiler() {
    return ModuleCompiler.systemCompiler(snapshots);
  }

  /**
   * What {@code mvn compile} leaves in the module's classes folder; its snapshot becomes the
   * module's first build.
   */
  public void mavenBuild(WorkspaceModule module, List<Path> classpath) throws IOException {
    javac(module, classpath, module.outputDirectory());
    try {
      snapshots.commit(module.name(), snapshots.read(module.outputDirectory()));
    } catch (SnapshotReadException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Compiles every source of {@code module} into {@code output} with a javac of its own. */
  public static void javac(WorkspaceModule module, List<Path> classpath, Path output)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(module.sourceRoots().get(0))) {
      walk.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
    }
    Files.createDirectories(output);
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      List<String> options = new ArrayList<>(module.compiler().javacOptions());
      options.addAll(List.of("-d", output.toString()));
      if (!classpath.isEmpty()) {
        options.add("-cp");
        options.add(
            String.join(
                java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
      }
      if (!javac
          .getTask(null, files, null, options, null, files.getJavaFileObjectsFromPaths(sources))
          .call()) {
        throw new IllegalStateException("the build of " + module.name() + " failed");
      }
    }
  }

  public Path output(String module, int version) {
    return dir.resolve("session").resolve(module).resolve("v" + version);
  }
}
