package dev.hotpatch.serve.watch;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which changes under watched folders matter, and which folders are not worth watching at all.
 *
 * <p>Editors save through probes, backups, swap and lock files; version control keeps folders of
 * its own; the build writes under each module's {@code target/}. None of that is code to patch, and
 * reacting to it would patch half-saved states, or the build's own output.
 */
public final class WatchFilter {
  private static final Set<String> VCS_FOLDERS = Set.of(".git", ".hg", ".svn", ".bzr", "_darcs");

  /**
   * Emacs locks ({@code .#X}) and auto-saves ({@code #X#}), backups ({@code X~}), Vim swap files
   * and the probe Vim writes to test a folder ({@code 4913}), IntelliJ's safe-write files. An Emacs
   * lock of {@code Foo.java} is named {@code .#Foo.java}: the suffix alone does not tell.
   */
  private static final Pattern EDITOR_FILES =
      Pattern.compile("\\.#.*|#.*#|.*~|.*\\.sw[a-px]|4913|.*___jb_(tmp|old)___");

  private final Predicate<Path> accepts;
  private final Predicate<Path> skips;

  private WatchFilter(Predicate<Path> accepts, Predicate<Path> skips) {
    this.accepts = accepts;
    this.skips = skips;
  }

  /**
   * Files named {@code *suffix} that no editor or tool left behind, outside {@code ignoredTrees}.
   */
  static WatchFilter code(String suffix, List<Path> ignoredTrees) {
    return code(suffix, ignoredTrees, List.of());
  }

  /**
   * Files named {@code *suffix}, and any file under {@code resourceTrees}, that no editor or tool
   * left behind, outside {@code ignoredTrees}.
   */
  static WatchFilter code(String suffix, List<Path> ignoredTrees, List<Path> resourceTrees) {
    List<Path> ignored = List.copyOf(ignoredTrees);
    List<Path> resources = List.copyOf(resourceTrees);
    return new WatchFilter(
        file -> {
          String name = file.getFileName().toString();
          return (name.endsWith(suffix) || resources.stream().anyMatch(file::startsWith))
              && !EDITOR_FILES.matcher(name).matches()
              && ignored.stream().noneMatch(file::startsWith);
        },
        directory ->
            VCS_FOLDERS.contains(String.valueOf(directory.getFileName()))
                || ignored.stream().anyMatch(directory::startsWith));
  }

  /**
   * This filter, and also {@code buildFiles}, each watched in its folder without the folder's other
   * subfolders: below a build file's folder, only what lies in one of {@code trees} (the folders
   * watched whole) is watched.
   */
  WatchFilter withBuildFiles(List<Path> buildFiles, List<Path> trees) {
    if (buildFiles.isEmpty()) {
      return this;
    }
    Set<Path> files = Set.copyOf(buildFiles);
    Set<Path> folders =
        buildFiles.stream().map(Path::getParent).collect(java.util.stream.Collectors.toSet());
    List<Path> whole = List.copyOf(trees);
    return new WatchFilter(
        file -> files.contains(file) || accepts.test(file),
        directory ->
            skips.test(directory)
                || (!folders.contains(directory)
                    && whole.stream().noneMatch(directory::startsWith)));
  }

  /** Only {@code file}, in a folder watched without its subfolders. */
  public static WatchFilter single(Path file) {
    return files(List.of(file));
  }

  /** Only {@code files}, all in one folder, which is watched without its subfolders. */
  public static WatchFilter files(List<Path> files) {
    Path folder = files.get(0).getParent();
    return new WatchFilter(files::contains, directory -> !directory.equals(folder));
  }

  /** Whether a change of {@code file} (or the deletion of a folder there) matters. */
  boolean accepts(Path file) {
    return accepts.test(file);
  }

  /** Whether to leave {@code directory} and everything below it unwatched. */
  boolean skips(Path directory) {
    return skips.test(directory);
  }
}
