package dev.hotpatch.serve.compile;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The JDK's javac, kept warm: one compiler for the session and one file manager per module, which
 * keeps the module's jars open and what javac listed of them between patches.
 */
final class Javac implements AutoCloseable {
  private final JavaCompiler compiler;
  private final Map<String, ModuleFileManager> fileManagers = new HashMap<>();

  Javac(JavaCompiler compiler) {
    this.compiler = compiler;
  }

  /**
   * The folders of the workspace modules {@code module} compiles against, newest layer first: where
   * javac looks for annotation processors that a workspace module provides.
   */
  void workspaceFolders(WorkspaceModule module, List<Path> folders) {
    fileManager(module).workspaceFolders(folders);
  }

  /** Compiles a one-class source with {@code module}'s options into {@code scratch}. */
  void prime(WorkspaceModule module, Path scratch) throws IOException {
    JavaFileObject source =
        new SimpleJavaFileObject(URI.create("string:///Primer.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return "import java.util.*;\n"
                + "class Primer implements Comparable<Primer> {\n"
                + "  private final List<String> names = new ArrayList<>();\n"
                + "  public int compareTo(Primer other) {\n"
                + "    return names.stream().mapToInt(String::length).sum() - other.names.size();\n"
                + "  }\n"
                + "}\n";
          }
        };
    Files.createDirectories(scratch);
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, null)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(scratch));
      List<String> options = new ArrayList<>(options(module.compiler().javacOptions()));
      options.add("-proc:none");
      compiler.getTask(new StringWriter(), files, null, options, null, List.of(source)).call();
    }
  }

  /** What one javac run wrote. */
  record Output(Map<String, byte[]> classes, Map<String, Path> sources) {}

  /**
   * Compiles {@code sources} of {@code module} into {@code output}.
   *
   * @param workspace the workspace builds they compile against, in class path order
   * @param jars the third-party jars they compile against, in class path order
   * @param generated where annotation processors write sources ({@code -s})
   * @return the classes written (internal name to bytes) and the source each came from
   */
  Output compile(
      WorkspaceModule module,
      Collection<Path> sources,
      List<ModuleSnapshot> workspace,
      List<Path> jars,
      Path output,
      Path generated)
      throws CompilationFailedException {
    return compile(module, sources, workspace, jars, output, generated, () -> false);
  }

  /**
   * Compiles as {@link #compile(WorkspaceModule, Collection, List, List, Path, Path)} does, and
   * stops between two of javac's events once {@code stop} says so.
   *
   * @throws WarmUpStopped when it stopped
   */
  Output compile(
      WorkspaceModule module,
      Collection<Path> sources,
      List<ModuleSnapshot> workspace,
      List<Path> jars,
      Path output,
      Path generated,
      BooleanSupplier stop)
      throws CompilationFailedException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    ModuleFileManager manager = fileManager(module);
    StandardJavaFileManager files = manager.files();
    Map<String, Path> written = new HashMap<>();
    try {
      Files.createDirectories(output);
      Files.createDirectories(generated);
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      manager.classPath(workspace, jars);
      // An empty source path keeps javac from compiling sources it finds on the class path.
      files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
      if (!module.compiler().processorPath().isEmpty()) {
        files.setLocationFromPaths(
            StandardLocation.ANNOTATION_PROCESSOR_PATH, module.compiler().processorPath());
      }
      manager.startCompile();
      StringWriter out = new StringWriter();
      JavacTask task =
          (JavacTask)
              compiler.getTask(
                  out,
                  manager,
                  diagnostics,
                  options(module.compiler().javacOptions()),
                  null,
                  files.getJavaFileObjectsFromPaths(sources));
      task.addTaskListener(
          new TaskListener() {
            @Override
            public void started(TaskEvent event) {
              stopIfAsked();
            }

            @Override
            public void finished(TaskEvent event) {
              if (event.getKind() == TaskEvent.Kind.GENERATE) {
                String name = task.getElements().getBinaryName(event.getTypeElement()).toString();
                written.put(packageInternal(name, event), Path.of(event.getSourceFile().toUri()));
              }
              stopIfAsked();
            }

            private void stopIfAsked() {
              if (stop.getAsBoolean()) {
                throw new WarmUpStopped();
              }
            }
          });
      if (!call(task)) {
        IOException unwritable = writeFailure(diagnostics);
        if (unwritable != null) {
          // Not the code's fault: the output folder cannot take the class files (disk full).
          throw unwritable;
        }
        throw new CompilationFailedException(
            module.name(), diagnostics(diagnostics, out, failsOnWarning(module)));
      }
      files.flush();
      Map<String, byte[]> classes = new HashMap<>(manager.written());
      return new Output(classes, written);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot compile module " + module.name(), e);
    }
  }

  /** Runs {@code task}; javac hands a listener's exception back wrapped, this one unwrapped. */
  private static boolean call(JavacTask task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      if (e.getCause() instanceof WarmUpStopped stopped) {
        throw stopped;
      }
      throw e;
    }
  }

  /**
   * The module's options, with a {@code --release} of the running JDK's own version left out: it
   * means the same API, and javac would open the JDK's {@code ct.sym} archive again at every
   * compile to find it, which costs more than compiling a file.
   */
  static List<String> options(List<String> options) {
    int at = options.indexOf("--release");
    if (at < 0
        || at + 1 >= options.size()
        || !options.get(at + 1).equals(String.valueOf(Runtime.version().feature()))) {
      return options;
    }
    List<String> out = new ArrayList<>(options);
    out.remove(at + 1);
    out.remove(at);
    return out;
  }

  /** The internal name: the package's dots become slashes, a nested class keeps its dollar. */
  private static String packageInternal(String binaryName, TaskEvent event) {
    String packageName =
        event.getCompilationUnit().getPackageName() == null
            ? ""
            : event.getCompilationUnit().getPackageName().toString();
    if (packageName.isEmpty()) {
      return binaryName;
    }
    return packageName.replace('.', '/') + "/" + binaryName.substring(packageName.length() + 1);
  }

  private static boolean failsOnWarning(WorkspaceModule module) {
    return module.compiler().failOnWarning()
        || module.compiler().compilerArgs().contains("-Werror");
  }

  private ModuleFileManager fileManager(WorkspaceModule module) {
    return fileManagers.computeIfAbsent(
        module.name(),
        name -> {
          String encoding = module.compiler().encoding();
          return new ModuleFileManager(
              compiler.getStandardFileManager(
                  null, Locale.ROOT, encoding == null ? null : Charset.forName(encoding)));
        });
  }

  /**
   * Closes the file manager of {@code module}: the next compile opens one with the module's
   * settings as they are then (its encoding, its jars).
   */
  void forget(String module) throws IOException {
    ModuleFileManager files = fileManagers.remove(module);
    if (files != null) {
      files.close();
    }
  }

  /** javac's error for a class file it could not write, as the I/O error it was; or null. */
  private static IOException writeFailure(DiagnosticCollector<JavaFileObject> collected) {
    for (Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
      if ("compiler.err.class.cant.write".equals(d.getCode())) {
        return new IOException(d.getMessage(Locale.ROOT));
      }
    }
    return null;
  }

  /** Every error; warnings too when they fail the build ({@code -Werror}). */
  private static List<CompilerDiagnostic> diagnostics(
      DiagnosticCollector<JavaFileObject> collected, StringWriter out, boolean failOnWarning) {
    List<CompilerDiagnostic> found = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
      boolean error = d.getKind() == Diagnostic.Kind.ERROR;
      boolean warning =
          d.getKind() == Diagnostic.Kind.WARNING
              || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING;
      if (!error && !(warning && failOnWarning)) {
        continue;
      }
      String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).toString();
      found.add(
          new CompilerDiagnostic(
              error ? "error" : "warning",
              file,
              Math.max(0, d.getLineNumber()),
              Math.max(0, d.getColumnNumber()),
              d.getMessage(Locale.ROOT)));
    }
    if (found.isEmpty()) {
      found.add(new CompilerDiagnostic("error", "", 0, 0, out.toString().strip()));
    }
    return found;
  }

  @Override
  public void close() throws IOException {
    for (ModuleFileManager files : fileManagers.values()) {
      files.close();
    }
    fileManagers.clear();
  }
}
