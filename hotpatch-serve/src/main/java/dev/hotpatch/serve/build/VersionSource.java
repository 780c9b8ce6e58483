package dev.hotpatch.serve.build;

import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where the versions of a module that the application loads come from. */
public interface VersionSource {

  /**
   * The folder the application loads version 0 of {@code module} from.
   *
   * @param folder a new folder, of this session, that the source may fill
   */
  Path first(WorkspaceModule module, Path folder) throws IOException;

  /**
   * Writes the next version of {@code module} into {@code folder}, a new folder that nothing reads
   * yet.
   *
   * @param classpath the versions of the workspace modules it depends on that go with it, then its
   *     third-party jars
   * @param previous the folder of the version the application runs now
   */
  void next(WorkspaceModule module, List<Path> classpath, Path previous, Path folder)
      throws CompilationFailedException;

  /** Gets ready for the first patch while the application starts; only speed is at stake. */
  void warmUp(List<WorkspaceModule> modules, Path scratch);
}
