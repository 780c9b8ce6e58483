package dev.hotpatch.serve.build;

import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.compile.UpstreamBuild;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Where the versions of a module that the application loads come from. */
public interface VersionSource {

  /** Versions compiled from the sources by {@code compiler}. */
  static VersionSource compiled(ModuleCompiler compiler) {
    return new CompiledVersions(compiler);
  }

  /** Versions copied from the class folders an IDE compiles into. */
  static VersionSource copied() {
    return new CopiedVersions();
  }

  /**
   * The classes of a next version.
   *
   * @param classes every class of the version
   * @param deleted the class files of the version before that this one no longer has ({@code
   *     lib/Old.class})
   */
  record Classes(ModuleSnapshot classes, Set<String> deleted) {
    public Classes {
      deleted = Set.copyOf(deleted);
    }
  }

  /**
   * Version 0 of {@code module}, read into {@code snapshots}.
   *
   * @param folder a new folder, of this session, that the source may fill
   */
  ModuleBuild first(WorkspaceModule module, Path folder, SnapshotStore snapshots)
      throws IOException;

  /**
   * The classes of the next version of {@code module}, written into {@code folder}, a new folder
   * that nothing reads yet: only what changed since {@code previous}.
   *
   * @param upstream the versions of the workspace modules it depends on that go with it
   * @param changedFiles the files of the module that changed since {@code previous}, as the watcher
   *     saw them; null when unknown
   * @return the classes of the next version, or null when no class changed
   */
  Classes next(
      WorkspaceModule module,
      List<UpstreamBuild> upstream,
      ModuleBuild previous,
      Path folder,
      Set<Path> changedFiles)
      throws CompilationFailedException;

  /**
   * Has the next version of {@code module} made whole, with the settings the module has then: its
   * build files changed. Versions copied from an IDE's class folders are always what the IDE wrote.
   */
  default void rebuildWhole(WorkspaceModule module, String reason) {}

  /**
   * Some changed files were never handed to {@link #next} (their burst failed before it got there):
   * the next version of each module must look at all its files, not only those named.
   */
  default void changesLost() {}

  /**
   * Gets ready for the first patch of {@code module}, compiling up to {@code files} of its sources
   * into {@code scratch}; only speed is at stake. Safe to call beside {@link #next}, on another
   * thread: it stops early, its work undone, once {@code patchWaits} says a patch waits or {@link
   * #next} is called.
   *
   * @return whether it got through; false when it stopped for a patch
   */
  boolean warmUp(
      WorkspaceModule module,
      List<UpstreamBuild> upstream,
      Path scratch,
      int files,
      BooleanSupplier patchWaits);

  /**
   * Loads the compiler with {@code module}'s options and runs it once on a one-class source of its
   * own, in {@code scratch}, as early as possible: nothing of a module is read. Only speed is at
   * stake; safe on any thread.
   */
  default void prime(WorkspaceModule module, Path scratch) {}
}
