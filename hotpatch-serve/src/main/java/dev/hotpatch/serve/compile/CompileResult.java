package dev.hotpatch.serve.compile;

import dev.hotpatch.diff.ModuleSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How one module version was built.
 *
 * @param module the module's name
 * @param mode what the compiler did
 * @param compiled the source files javac compiled, every one of them for {@link Mode#FULL}
 * @param rounds how many times javac ran
 * @param reason for {@link Mode#FULL}, why the module was compiled whole; otherwise empty
 * @param classes every class of the new build: the last build's, with what javac wrote into the
 *     output folder
 * @param removed the classes of the last build that the new one no longer has
 */
public record CompileResult(
    String module,
    Mode mode,
    List<Path> compiled,
    int rounds,
    String reason,
    ModuleSnapshot classes,
    Set<String> removed) {

  /** What the compiler did for one module version. */
  public enum Mode {
    /** Every source of the module was compiled. */
    FULL,
    /** The changed sources and those they affect were compiled; the rest stays as it was. */
    INCREMENTAL,
    /** Nothing the module compiles from changed: its classes stay as they were. */
    UNCHANGED
  }

  public CompileResult {
    compiled = List.copyOf(compiled);
    removed = Set.copyOf(removed);
  }
}
