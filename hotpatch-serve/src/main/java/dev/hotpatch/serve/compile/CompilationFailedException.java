package dev.hotpatch.serve.compile;

import java.util.List;
import java.util.stream.Collectors;

/** javac rejected the sources of a module. */
public final class CompilationFailedException extends Exception {
  private final String module;
  private final List<CompilerDiagnostic> diagnostics;

  public CompilationFailedException(String module, List<CompilerDiagnostic> diagnostics) {
    super(
        "Compilation failed in module "
            + module
            + ":\n"
            + diagnostics.stream().map(CompilerDiagnostic::render).collect(Collectors.joining("\n"))
            + "\nFix the code and save again; the application keeps running the last good code.");
    this.module = module;
    this.diagnostics = List.copyOf(diagnostics);
  }

  public String module() {
    return module;
  }

  public List<CompilerDiagnostic> diagnostics() {
    return diagnostics;
  }
}
