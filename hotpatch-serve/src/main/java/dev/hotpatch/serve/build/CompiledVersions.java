package dev.hotpatch.serve.build;

import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Versions that serve compiles from the sources: version 0 is Maven's build, each next one javac's
 * in-process build plus the resources Maven processed.
 */
public final class CompiledVersions implements VersionSource {
  private final ModuleCompiler compiler;

  public CompiledVersions(ModuleCompiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public Path first(WorkspaceModule module, Path folder) {
    return module.outputDirectory();
  }

  @Override
  public void next(WorkspaceModule module, List<Path> classpath, Path previous, Path folder)
      throws CompilationFailedException {
    compiler.compile(module, classpath, folder);
    try {
      // The new version carries the resources of the running one (Maven's, plus those serve
      // patched since), except where annotation processors wrote a newer file in this compile.
      Folders.copyMissing(previous, folder, file -> !Folders.isClassFile(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the resources of " + previous, e);
    }
  }

  /**
   * Compiles the first module once into a scratch folder, so that the first real patch finds javac
   * loaded and compiled by the JIT: a cold javac takes seconds, a warm one a fraction.
   */
  @Override
  public void warmUp(List<WorkspaceModule> modules, Path scratch) {
    WorkspaceModule first = modules.get(0);
    try {
      compiler.warmUp(first, first.compileClasspath(), scratch);
      SessionFolder.deleteRecursively(scratch);
    } catch (CompilationFailedException | IOException | RuntimeException e) {
      // Only speed is at stake; a real patch reports its own errors.
    }
  }
}
