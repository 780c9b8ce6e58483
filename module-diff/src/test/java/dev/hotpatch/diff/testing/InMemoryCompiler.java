package dev.hotpatch.diff.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources held in strings to class bytes held in memory, with full debug info. */
public final class InMemoryCompiler {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
  private static final Pattern TYPE =
      Pattern.compile(
          "(?m)^\\s*(?:(?:public|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
              + "(?:class|interface|enum|record|@interface)\\s+(\\w+)");

  private InMemoryCompiler() {}

  /**
   * Compiles sources; each one's file name comes from its package and first top-level type.
   *
   * @return class bytes by internal name
   * @throws AssertionError with every diagnostic if compilation fails
   */
  public static Map<String, byte[]> compile(String... sources) {
    return compileWith(List.of(), sources);
  }

  /** Compiles with extra javac options, for example {@code --release 8}. */
  public static Map<String, byte[]> compileWith(List<String> options, String... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
    StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null);
    JavaFileManager files =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outputs.put(className.replace('.', '/'), out);
            return new SimpleJavaFileObject(
                URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
              @Override
              public OutputStream openOutputStream() {
                return out;
              }
            };
          }
        };
    List<JavaFileObject> units = new ArrayList<>();
    for (String source : sources) {
      units.add(new Source(fileName(source), source));
    }
    List<String> allOptions = new ArrayList<>(List.of("-g", "-proc:none", "-Xlint:none"));
    allOptions.addAll(options);
    boolean ok = javac.getTask(null, files, diagnostics, allOptions, null, units).call();
    if (!ok) {
      StringBuilder message = new StringBuilder("Compilation failed:");
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        message
            .append('\n')
            .append(d.getSource() == null ? "?" : d.getSource().getName())
            .append(':')
            .append(d.getLineNumber())
            .append(':')
            .append(d.getColumnNumber())
            .append(": ")
            .append(d.getMessage(null));
      }
      throw new AssertionError(message.toString());
    }
    Map<String, byte[]> classes = new TreeMap<>();
    outputs.forEach((name, out) -> classes.put(name, out.toByteArray()));
    return classes;
  }

  private static String fileName(String source) {
    Matcher pkg = PACKAGE.matcher(source);
    Matcher type = TYPE.matcher(source);
    if (!type.find()) {
      throw new IllegalArgumentException("No type declaration in source:\n" + source);
    }
    String dir = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
    return dir + type.group(1) + ".java";
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String path, String code) {
      super(URI.create("string:///" + path), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
