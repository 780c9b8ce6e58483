package dev.hotpatch.serve.compile;

import java.nio.file.Path;
import java.util.List;

/**
 * How one module version was built.
 *
 * @param module the module's name
 * @param mode what the compiler did
 * @param compiled the source files javac compiled, every one of them for {@link Mode#FULL}
 * @param rounds how many times javac ran
 * @param reason for {@link Mode#FULL}, why the module was compiled whole; otherwise empty
 */
public record CompileResult(
    String module, Mode mode, List<Path> compiled, int rounds, String reason) {

  /** What the compiler did for one module version. */
  public enum Mode {
    /** Every source of the module was compiled. */
    FULL,
    /** The changed sources and those they affect were compiled; the rest was copied forward. */
    INCREMENTAL,
    /** Nothing the module compiles from changed: its classes were copied forward as they were. */
    COPIED
  }

  public CompileResult {
    compiled = List.copyOf(compiled);
  }
}
