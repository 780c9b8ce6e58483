package dev.hotpatch.serve.watch;

import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What serve watches to learn that a module changed, and so where its next version comes from. */
public enum WatchMode {
  /**
   * The modules' Java sources, which serve compiles. An editor's save is a few events within a
   * millisecond or two; a build started on a burst that goes on is dropped for the next one.
   */
  SOURCES(".java", Duration.ofMillis(15)),

  /**
   * The modules' class folders ({@code target/classes}), for an IDE that compiles on save: serve
   * copies what the IDE compiled and compiles nothing. An IDE's build writes many files over a
   * longer time than an editor's save, hence the longer wait for quiet.
   */
  CLASSES(".class", Duration.ofMillis(300));

  private final String suffix;
  private final Duration defaultDebounce;

  WatchMode(String suffix, Duration defaultDebounce) {
    this.suffix = suffix;
    this.defaultDebounce = defaultDebounce;
  }

  /** How long the watched files must be quiet before a burst becomes a patch, unless configured. */
  public Duration defaultDebounce() {
    return defaultDebounce;
  }

  /** The folders watched for {@code module}. */
  public List<Path> roots(WorkspaceModule module) {
    return switch (this) {
      case SOURCES ->
          Stream.concat(module.watchedSourceRoots().stream(), resourceRoots(module).stream())
              .distinct()
              .toList();
      case CLASSES -> List.of(module.outputDirectory());
    };
  }

  /**
   * The resource folders watched for {@code module}: a change there is copied (and filtered) into
   * the next version without compiling. An IDE that compiles copies resources itself.
   */
  public List<Path> resourceRoots(WorkspaceModule module) {
    return switch (this) {
      case SOURCES -> module.watchedResources().stream().map(r -> r.directory()).toList();
      case CLASSES -> List.of();
    };
  }

  /** Whether {@code file}, under a watched folder of {@code module}, is Java code to compile. */
  public boolean isCode(WorkspaceModule module, Path file) {
    return switch (this) {
      case SOURCES ->
          module.watchedSourceRoots().stream().anyMatch(file::startsWith)
              && (file.toString().endsWith(suffix) || !Files.exists(file));
      case CLASSES -> file.startsWith(module.outputDirectory());
    };
  }

  /**
   * The folders watched for every module of {@code workspace}, and the folders of its build files
   * (which are watched without their subfolders).
   */
  public List<Path> roots(Workspace workspace) {
    return Stream.concat(
            trees(workspace).stream(), workspace.buildFiles().stream().map(Path::getParent))
        .distinct()
        .toList();
  }

  /** The folders watched whole, with their subfolders. */
  private List<Path> trees(Workspace workspace) {
    return workspace.modules().stream().flatMap(m -> roots(m).stream()).distinct().toList();
  }

  /** Which changes under those folders matter. */
  public WatchFilter filter(Workspace workspace) {
    return WatchFilter.code(
            suffix,
            switch (this) {
              case SOURCES ->
                  workspace.modules().stream().map(WorkspaceModule::buildDirectory).toList();
              // The watched folders lie inside target/ themselves.
              case CLASSES -> List.of();
            },
            workspace.modules().stream().flatMap(m -> resourceRoots(m).stream()).toList())
        .withBuildFiles(workspace.buildFiles(), trees(workspace));
  }

  /** The module that {@code file}, a changed file or deleted folder, belongs to. */
  Optional<WorkspaceModule> owner(Workspace workspace, Path file) {
    return workspace.modules().stream()
        .filter(m -> roots(m).stream().anyMatch(file::startsWith))
        .findFirst();
  }

  /** What makes a new version, as the console's patch line names its time. */
  public String buildStep() {
    return switch (this) {
      case SOURCES -> "compile";
      case CLASSES -> "copy";
    };
  }

  /** How the console names the mode when serve starts. */
  public String describe() {
    return switch (this) {
      case SOURCES -> "watching sources; save a file to patch";
      case CLASSES ->
          "watching class folders (hotpatch.watch=classes); compile in your IDE to patch";
    };
  }
}
