package dev.hotpatch.runtime;

import dev.hotpatch.Hot;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Builds versions of small workspace modules from Java sources held in the test, each into a fresh
 * folder {@code <root>/<module>/v<version>}, compiled against the hotpatch API and the newest build
 * of each dependency, as the plugin does.
 */
public final class TestWorkspace {
  private final Path root;
  private final Map<String, Path> newest = new HashMap<>();
  private final List<Path> libraries = new ArrayList<>();

  public TestWorkspace(Path root) {
    this.root = root;
  }

  /** Makes every module compile against {@code jar}, a third-party library. */
  public TestWorkspace withLibrary(Path jar) {
    libraries.add(jar);
    return this;
  }

  public ModuleVersion module(
      String name, int version, List<String> dependencies, Map<String, String> sources) {
    return module(name, version, dependencies, sources, Map.of());
  }

  /**
   * Compiles one module version.
   *
   * @param sources Java source by binary class name
   * @param resources file content by resource name
   */
  public ModuleVersion module(
      String name,
      int version,
      List<String> dependencies,
      Map<String, String> sources,
      Map<String, String> resources) {
    Path output = root.resolve(name).resolve("v" + version);
    List<Path> classPath = new ArrayList<>();
    classPath.add(apiLocation());
    classPath.addAll(libraries);
    for (String dependency : dependencies) {
      Path folder = newest.get(dependency);
      if (folder == null) {
        throw new IllegalArgumentException("Build " + dependency + " before " + name);
      }
      classPath.add(folder);
    }
    compile(output, classPath, sources);
    try {
      for (Map.Entry<String, String> resource : resources.entrySet()) {
        Path file = output.resolve(resource.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, resource.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    newest.put(name, output);
    return new ModuleVersion(name, version, List.of(output), dependencies);
  }

  /**
   * A new build of {@code base} as version {@code version} in a fresh folder: its classes with
   * every string constant (and string concatenation recipe) text {@code from} replaced by {@code
   * to}. A build in a millisecond instead of a javac run, for tests that need hundreds of them.
   */
  public ModuleVersion variant(ModuleVersion base, int version, String from, String to) {
    Path source = base.classes().get(0);
    Path output = root.resolve(base.name()).resolve("v" + version);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = output.resolve(source.relativize(file).toString());
        Files.createDirectories(target.getParent());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(target, file.toString().endsWith(".class") ? replace(bytes, from, to) : bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    newest.put(base.name(), output);
    return new ModuleVersion(base.name(), version, List.of(output), base.dependencies());
  }

  private static byte[] replace(byte[] classFile, String from, String to) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public FieldVisitor visitField(
              int access, String name, String descriptor, String signature, Object value) {
            return super.visitField(access, name, descriptor, signature, swap(value, from, to));
          }

          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(
                Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
              @Override
              public void visitLdcInsn(Object value) {
                super.visitLdcInsn(swap(value, from, to));
              }

              @Override
              public void visitInvokeDynamicInsn(
                  String name, String descriptor, Handle bootstrap, Object... arguments) {
                Object[] swapped = new Object[arguments.length];
                for (int i = 0; i < arguments.length; i++) {
                  swapped[i] = swap(arguments[i], from, to);
                }
                super.visitInvokeDynamicInsn(name, descriptor, bootstrap, swapped);
              }
            };
          }
        },
        0);
    return writer.toByteArray();
  }

  private static Object swap(Object value, String from, String to) {
    return value instanceof String text ? text.replace(from, to) : value;
  }

  /** Where the hotpatch API classes of the test class path are: a jar or a folder. */
  public static Path apiLocation() {
    return locationOf(Hot.class);
  }

  public static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compiles {@code sources} (by binary class name) into {@code output}. */
  public static void compile(Path output, List<Path> classPath, Map<String, String> sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((className, source) -> units.add(new Source(className, source)));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> options =
        List.of(
            "--release",
            "17",
            "-proc:none",
            "-d",
            output.toString(),
            "-classpath",
            classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    boolean compiled = compiler.getTask(null, null, diagnostics, options, null, units).call();
    if (!compiled) {
      throw new AssertionError("Test sources do not compile: " + diagnostics.getDiagnostics());
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String className, String text) {
      super(
          URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
