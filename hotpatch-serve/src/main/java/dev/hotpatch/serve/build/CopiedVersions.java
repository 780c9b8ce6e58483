package dev.hotpatch.serve.build;

import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Versions copied from the modules' class folders, which an IDE compiles into ({@code
 * -Dhotpatch.watch=classes}). Version 0 is a copy too: the IDE rewrites the class folder in place,
 * and a loader must never see its classes change, nor the diff lose what it compares with.
 */
public final class CopiedVersions implements VersionSource {

  @Override
  public Path first(WorkspaceModule module, Path folder) throws IOException {
    Folders.copyMissing(module.outputDirectory(), folder, file -> true);
    return folder;
  }

  @Override
  public void next(WorkspaceModule module, List<Path> classpath, Path previous, Path folder) {
    try {
      Folders.copyMissing(module.outputDirectory(), folder, file -> true);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot copy the classes of module "
              + module.name()
              + " from "
              + module.outputDirectory(),
          e);
    }
  }

  @Override
  public void warmUp(List<WorkspaceModule> modules, Path scratch) {
    // Copying needs no warming up.
  }
}
