package dev.hotpatch.serve.compile;

import dev.hotpatch.diff.ModuleSnapshot;
import java.nio.file.Path;
import java.util.List;

/**
 * A build of a workspace module that another module compiles against.
 *
 * @param module the module's name
 * @param classes its classes, which javac reads from memory
 * @param folders the folders its files are in, newest first: where annotation processors that a
 *     workspace module provides are found
 */
public record UpstreamBuild(String module, ModuleSnapshot classes, List<Path> folders) {
  public UpstreamBuild {
    folders = List.copyOf(folders);
  }
}
