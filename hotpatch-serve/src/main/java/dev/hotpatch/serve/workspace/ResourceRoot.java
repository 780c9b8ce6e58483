package dev.hotpatch.serve.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code <resource>} of a module's build: a folder whose files Maven copies into the class
 * folder, optionally filtered.
 *
 * @param directory the folder ({@code src/main/resources})
 * @param targetPath where under the class folder its files go, {@code ""} for the class folder
 *     itself
 * @param filtering whether {@code ${...}} and {@code @...@} expressions in its files are replaced
 * @param includes Ant-style patterns of the files it holds; empty for every file
 * @param excludes Ant-style patterns of files left out
 */
public record ResourceRoot(
    Path directory,
    String targetPath,
    boolean filtering,
    List<String> includes,
    List<String> excludes) {

  public ResourceRoot {
    targetPath = targetPath == null ? "" : targetPath;
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }
}
