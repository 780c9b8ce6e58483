package dev.hotpatch.maven.compile;

import dev.hotpatch.maven.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Compiles a whole module in process with the JDK's javac, into a folder of its own. */
public final class ModuleCompiler {
  private final JavaCompiler javac;

  private ModuleCompiler(JavaCompiler javac) {
    this.javac = javac;
  }

  /**
   * The JDK's compiler.
   *
   * @throws IllegalStateException when Maven runs on a JRE without javac
   */
  public static ModuleCompiler systemCompiler() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException(
          "No Java compiler in "
              + System.getProperty("java.home")
              + ". hotpatch compiles in process: run Maven with a JDK (set JAVA_HOME to a JDK 17 or later).");
    }
    return new ModuleCompiler(javac);
  }

  /**
   * Compiles every source of {@code module} into {@code outputDirectory}.
   *
   * @param classpath the workspace dependencies' class folders, then third-party jars
   */
  public void compile(WorkspaceModule module, List<Path> classpath, Path outputDirectory)
      throws CompilationFailedException {
    List<Path> sources = sourcesOf(module);
    Path generated = outputDirectory.resolveSibling(outputDirectory.getFileName() + "-generated");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Charset encoding =
        module.compiler().encoding() == null
            ? Charset.defaultCharset()
            : Charset.forName(module.compiler().encoding());
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, encoding)) {
      Files.createDirectories(outputDirectory);
      Files.createDirectories(generated);
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(outputDirectory));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      files.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
      StringWriter out = new StringWriter();
      boolean ok =
          javac
              .getTask(
                  out,
                  files,
                  diagnostics,
                  module.compiler().javacOptions(),
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      if (!ok) {
        throw new CompilationFailedException(module.name(), errorsOf(diagnostics, out));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot compile module " + module.name(), e);
    }
  }

  private static List<CompilerDiagnostic> errorsOf(
      DiagnosticCollector<JavaFileObject> collected, StringWriter out) {
    List<CompilerDiagnostic> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).toString();
      errors.add(
          new CompilerDiagnostic(
              "error",
              file,
              Math.max(0, d.getLineNumber()),
              Math.max(0, d.getColumnNumber()),
              d.getMessage(Locale.ROOT)));
    }
    if (errors.isEmpty()) {
      errors.add(new CompilerDiagnostic("error", "", 0, 0, out.toString().strip()));
    }
    return errors;
  }

  private static List<Path> sourcesOf(WorkspaceModule module) {
    List<Path> sources = new ArrayList<>();
    for (Path root : module.sourceRoots()) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
            .forEach(sources::add);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the sources under " + root, e);
      }
    }
    return sources;
  }
}
