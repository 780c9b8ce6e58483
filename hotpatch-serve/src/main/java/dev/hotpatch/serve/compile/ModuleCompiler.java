package dev.hotpatch.serve.compile;

import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles modules in process with the JDK's javac, each version into a folder of its own, and
 * recompiles only what a change requires.
 *
 * <p>It remembers the last build of each module (at first the one Maven made): the next build
 * compiles the sources changed since, then, round by round, the sources that use an API those
 * changes altered, and copies every other class forward. It compiles the whole module when it
 * cannot be sure: a source was deleted, a class of the last build has no known source, annotation
 * processors may write files from several sources, or most of the module is affected anyway.
 */
public final class ModuleCompiler implements AutoCloseable {
  private final Javac javac;
  private final AnnotationProcessors processors = new AnnotationProcessors();
  private final Map<String, Baseline> baselines = new HashMap<>();
  private final Map<String, IdentifierIndex> identifiers = new HashMap<>();

  /** The build folder each module had before this compiler built it. */
  private final Map<String, Path> originalOutputs = new HashMap<>();

  /** Which module each folder this compiler wrote belongs to. */
  private final Map<Path, String> producedBy = new HashMap<>();

  /** The classes of build folders, which never change once written. */
  private final Map<Path, Map<String, ClassFacts>> folders = new HashMap<>();

  private ModuleCompiler(JavaCompiler compiler) {
    this.javac = new Javac(compiler);
  }

  /**
   * The JDK's compiler.
   *
   * @throws CompilerUnavailableException when Maven runs on a Java runtime without javac
   */
  public static ModuleCompiler systemCompiler() {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new CompilerUnavailableException(System.getProperty("java.home"));
    }
    return new ModuleCompiler(compiler);
  }

  /**
   * Builds the next version of {@code module} into {@code output}, a folder of its own that nothing
   * reads yet. Its processor-generated sources go to a sibling folder named {@code output}'s name
   * plus {@code -generated}.
   *
   * @param classpath the current builds of the workspace modules it depends on, then third-party
   *     jars, as Maven orders them
   */
  public CompileResult compile(WorkspaceModule module, List<Path> classpath, Path output)
      throws CompilationFailedException {
    originalOutputs.putIfAbsent(module.name(), module.outputDirectory());
    Map<Path, SourceStamp> sources = SourceFiles.of(module);
    Baseline base =
        baselines.containsKey(module.name())
            ? baselines.get(module.name())
            : initialBaseline(module, classpath);
    Path generated = generatedFolder(output);
    CompileResult result;
    Map<String, ClassFacts> classes;
    if (module.sourceRoots().isEmpty()) {
      // Not compiled by maven-compiler-plugin: it stays as the build made it.
      base.classes().keySet().forEach(name -> ClassFolder.copy(name, base.output(), output));
      classes = base.classes();
      result = new CompileResult(module.name(), CompileResult.Mode.COPIED, List.of(), 0, "");
    } else {
      String reason = wholeModuleReason(module, base, sources, classpath);
      IncrementalBuild.Outcome outcome = null;
      if (reason == null) {
        outcome =
            new IncrementalBuild(
                    javac,
                    module,
                    base,
                    sources.keySet(),
                    classpath,
                    upstreamFolders(classpath),
                    identifiers(module))
                .run(
                    changedSources(base, sources),
                    upstreamDelta(base, classpath),
                    output,
                    generated);
        reason = outcome.wholeModuleReason();
      }
      if (reason == null) {
        classes = outcome.classes();
        result =
            new CompileResult(
                module.name(),
                outcome.rounds() == 0 ? CompileResult.Mode.COPIED : CompileResult.Mode.INCREMENTAL,
                outcome.compiled(),
                outcome.rounds(),
                "");
      } else {
        emptyFolder(output);
        emptyFolder(generated);
        classes = compileAll(module, sources.keySet(), classpath, output, generated);
        result =
            new CompileResult(
                module.name(),
                CompileResult.Mode.FULL,
                List.copyOf(sources.keySet()),
                sources.isEmpty() ? 0 : 1,
                reason);
      }
    }
    boolean processorOutput =
        ClassFolder.holdsOtherFiles(output) || ClassFolder.holdsOtherFiles(generated);
    remember(
        module.name(), new Baseline(output, classpath, classes, sources, processorOutput, null));
    return result;
  }

  /**
   * Compiles every source of {@code module} into {@code scratch} and remembers nothing: it only
   * loads javac and the module's annotation processors and lets the JIT compile them before the
   * first real patch. The caller deletes {@code scratch}; processor output is deleted here.
   */
  public void warmUp(WorkspaceModule module, List<Path> classpath, Path scratch)
      throws CompilationFailedException {
    Set<Path> sources = SourceFiles.of(module).keySet();
    Path generated = generatedFolder(scratch);
    try {
      if (!sources.isEmpty()) {
        javac.compile(module, sources, classpath, scratch, generated);
      }
    } finally {
      emptyFolder(generated);
      try {
        Files.deleteIfExists(generated);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete " + generated, e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    javac.close();
  }

  private Map<String, ClassFacts> compileAll(
      WorkspaceModule module, Set<Path> sources, List<Path> classpath, Path output, Path generated)
      throws CompilationFailedException {
    Map<String, ClassFacts> classes = new HashMap<>();
    if (sources.isEmpty()) {
      return classes;
    }
    for (Map.Entry<String, Path> written :
        javac.compile(module, sources, classpath, output, generated).entrySet()) {
      try {
        ClassFacts facts =
            ClassFolder.read(ClassFolder.fileOf(output, written.getKey()), output)
                .withSource(written.getValue());
        classes.put(facts.name(), facts);
      } catch (UnreadableClassException e) {
        throw new IllegalStateException(
            "javac wrote a class that ASM cannot read in module "
                + module.name()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return classes;
  }

  /** Why the next build of {@code module} must compile all of it, or null when it need not. */
  private String wholeModuleReason(
      WorkspaceModule module, Baseline base, Map<Path, SourceStamp> sources, List<Path> classpath) {
    if (base.wholeModuleReason() != null) {
      return base.wholeModuleReason();
    }
    for (Path known : base.sources().keySet()) {
      if (!sources.containsKey(known)) {
        return known.getFileName() + " was deleted";
      }
    }
    if (base.processorOutput()) {
      return "annotation processors wrote files in the last build";
    }
    String processorReason =
        processors.wholeModuleReason(module.compiler(), classpath, Runtime.version().feature());
    if (processorReason != null) {
      return processorReason;
    }
    if (base.classpath().size() != classpath.size()) {
      return "its class path changed";
    }
    for (int i = 0; i < classpath.size(); i++) {
      Path before = base.classpath().get(i);
      Path now = classpath.get(i);
      if (!before.equals(now) && !(Files.isDirectory(before) && Files.isDirectory(now))) {
        return "class path entry " + now + " changed";
      }
      if (!before.equals(now)) {
        try {
          classesOf(before);
          classesOf(now);
        } catch (UnreadableClassException e) {
          return e.getMessage();
        }
      }
    }
    return null;
  }

  private static Set<Path> changedSources(Baseline base, Map<Path, SourceStamp> sources) {
    Set<Path> changed = new LinkedHashSet<>();
    sources.forEach(
        (file, stamp) -> {
          SourceStamp known = base.sources().get(file);
          if (known == null || !known.matches(stamp)) {
            changed.add(file);
          }
        });
    return changed;
  }

  /** How the workspace folders on the class path changed since the baseline was compiled. */
  private ApiDelta upstreamDelta(Baseline base, List<Path> classpath) {
    ApiDelta delta = ApiDelta.NONE;
    for (int i = 0; i < classpath.size(); i++) {
      Path before = base.classpath().get(i);
      Path now = classpath.get(i);
      if (!before.equals(now)) {
        delta = delta.plus(ApiDelta.between(folders.get(before), folders.get(now)));
      }
    }
    return delta;
  }

  private List<Map<String, ClassFacts>> upstreamFolders(List<Path> classpath) {
    List<Map<String, ClassFacts>> upstream = new ArrayList<>();
    for (Path entry : classpath) {
      Map<String, ClassFacts> classes = folders.get(entry);
      if (classes != null) {
        upstream.add(classes);
      }
    }
    return upstream;
  }

  /**
   * The build Maven made: its classes, each traced to its source through the SourceFile attribute,
   * and the class path it had, which held the original builds of the modules.
   */
  private Baseline initialBaseline(WorkspaceModule module, List<Path> classpath) {
    List<Path> originalClasspath = new ArrayList<>();
    for (Path entry : classpath) {
      String owner = producedBy.get(entry);
      originalClasspath.add(owner == null ? entry : originalOutputs.get(owner));
    }
    Path output = module.outputDirectory();
    Path generated = module.compiler().generatedSourcesDirectory();
    boolean processorOutput = generated != null && ClassFolder.holdsOtherFiles(generated);
    Map<String, ClassFacts> classes = new HashMap<>();
    Map<Path, SourceStamp> sources = new HashMap<>();
    Map<String, ClassFacts> read;
    try {
      read = classesOf(output);
    } catch (UnreadableClassException e) {
      return new Baseline(
          output, originalClasspath, Map.of(), Map.of(), processorOutput, e.getMessage());
    }
    for (ClassFacts facts : read.values()) {
      Path source = locate(module, facts);
      classes.put(facts.name(), facts.withSource(source));
      if (source != null) {
        FileTime written = ClassFolder.modified(output, facts.name());
        SourceStamp known = sources.get(source);
        if (known == null || written.compareTo(known.modified()) < 0) {
          sources.put(source, SourceStamp.notAfter(written));
        }
      }
    }
    return new Baseline(output, originalClasspath, classes, sources, processorOutput, null);
  }

  /**
   * The source file a class of Maven's build came from. When no root holds it, the file it would be
   * in the first root: it was deleted since, or the class is a leftover of an earlier build, and
   * either way the next build compiles the whole module.
   */
  private static Path locate(WorkspaceModule module, ClassFacts facts) {
    String fileName = facts.sourceFileName();
    if (fileName == null) {
      String simple = facts.simpleName();
      int nested = simple.indexOf('$');
      fileName = (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
    }
    for (Path root : module.sourceRoots()) {
      Path candidate = root.resolve(facts.packageFolder() + fileName).toAbsolutePath().normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return module.sourceRoots().isEmpty()
        ? null
        : module
            .sourceRoots()
            .get(0)
            .resolve(facts.packageFolder() + fileName)
            .toAbsolutePath()
            .normalize();
  }

  private Map<String, ClassFacts> classesOf(Path folder) throws UnreadableClassException {
    Map<String, ClassFacts> classes = folders.get(folder);
    if (classes == null) {
      classes = ClassFolder.read(folder);
      folders.put(folder, classes);
    }
    return classes;
  }

  private void remember(String module, Baseline baseline) {
    baselines.put(module, baseline);
    producedBy.put(baseline.output(), module);
    folders.put(baseline.output(), baseline.classes());
    // Only the folders that a next build may compare against stay indexed.
    Set<Path> live = new HashSet<>();
    for (Baseline known : baselines.values()) {
      live.add(known.output());
      live.addAll(known.classpath());
    }
    folders.keySet().retainAll(live);
  }

  private IdentifierIndex identifiers(WorkspaceModule module) {
    return identifiers.computeIfAbsent(
        module.name(),
        name ->
            new IdentifierIndex(
                module.compiler().encoding() == null
                    ? Charset.defaultCharset()
                    : Charset.forName(module.compiler().encoding())));
  }

  private static Path generatedFolder(Path output) {
    return output.resolveSibling(output.getFileName() + "-generated");
  }

  private static void emptyFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        if (!path.equals(folder)) {
          Files.delete(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot empty " + folder, e);
    }
  }
}
