package dev.hotpatch.serve.build;

import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.SnapshotReadException;
import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.compile.CompileResult;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.compile.UpstreamBuild;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Versions that serve compiles from the sources: version 0 is Maven's build, each next one what
 * javac's in-process build of the changed sources wrote, over the versions before it.
 */
final class CompiledVersions implements VersionSource {
  private final ModuleCompiler compiler;

  CompiledVersions(ModuleCompiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public ModuleBuild first(WorkspaceModule module, Path folder, SnapshotStore snapshots)
      throws IOException {
    Path classes = module.outputDirectory();
    try {
      // Read once: the compiler's first build of the module is this snapshot too.
      ModuleSnapshot known = snapshots.current(module.name());
      return new ModuleBuild(
          module.name(),
          0,
          List.of(Layer.of(classes)),
          module.dependencies(),
          known != null ? known : snapshots.read(classes));
    } catch (SnapshotReadException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public Classes next(
      WorkspaceModule module,
      List<UpstreamBuild> upstream,
      ModuleBuild previous,
      Path folder,
      Set<Path> changedFiles)
      throws CompilationFailedException {
    CompileResult result =
        compiler.compile(module, upstream, module.compileClasspath(), folder, changedFiles);
    if (result.mode() == CompileResult.Mode.UNCHANGED
        || result.classes().changedSince(previous.classes()).isEmpty()) {
      return null;
    }
    Set<String> deleted = new TreeSet<>();
    result.removed().forEach(name -> deleted.add(name + ".class"));
    return new Classes(result.classes(), deleted);
  }

  @Override
  public void rebuildWhole(WorkspaceModule module, String reason) {
    compiler.compileWhole(module.name(), reason);
  }

  @Override
  public void changesLost() {
    compiler.listSourcesAgain();
  }

  /**
   * Compiles a few sources of the module into a scratch folder, so that its first real patch finds
   * javac loaded and compiled by the JIT, the module's file manager filled and its class facts
   * read: a cold javac takes seconds, a warm one a fraction.
   */
  @Override
  public boolean warmUp(
      WorkspaceModule module,
      List<UpstreamBuild> upstream,
      Path scratch,
      int files,
      BooleanSupplier patchWaits) {
    try {
      compiler.prepare(module, upstream, module.compileClasspath());
      boolean done =
          compiler.warmUp(module, upstream, module.compileClasspath(), scratch, files, patchWaits);
      SessionFolder.deleteRecursively(scratch);
      return done;
    } catch (CompilationFailedException | IOException | RuntimeException e) {
      return true; // only speed is at stake; a real patch reports its own errors
    }
  }

  @Override
  public void prime(WorkspaceModule module, Path scratch) {
    try {
      compiler.prime(module, scratch);
      SessionFolder.deleteRecursively(scratch);
    } catch (IOException | RuntimeException e) {
      // Only speed is at stake: the warm-up's first compile does it instead.
    }
  }
}
