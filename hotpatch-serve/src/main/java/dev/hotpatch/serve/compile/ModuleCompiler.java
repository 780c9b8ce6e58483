package dev.hotpatch.serve.compile;

import dev.hotpatch.diff.ApiDelta;
import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.SnapshotReadException;
import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.diff.classfile.ClassApi;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles modules in process with the JDK's javac, and recompiles only what a change requires.
 *
 * <p>It remembers the last build of each module (at first the one Maven made): the next build
 * compiles the sources changed since, then, round by round, the sources that use an API those
 * changes altered. Only what javac writes goes into the new version's folder; the classes that did
 * not change stay in the folders of the builds before. It compiles the whole module when it cannot
 * be sure: a source was deleted, a class of the last build has no known source, annotation
 * processors may write files from several sources, or most of the module is affected anyway.
 *
 * <p>javac reads the workspace classes it compiles against from the session's snapshots, in memory,
 * so a compile reads no class file of the workspace from disk.
 */
public final class ModuleCompiler implements AutoCloseable {
  private final Javac javac;
  private final SnapshotStore snapshots;
  private final AnnotationProcessors processors = new AnnotationProcessors();
  private final Map<String, Baseline> baselines = new HashMap<>();
  private final Map<String, IdentifierIndex> identifiers = new HashMap<>();

  /** Why the next build of a module that has no baseline yet must compile it whole. */
  private final Map<String, String> compileWhole = new HashMap<>();

  /**
   * Fair, so that a patch waits for at most one step of the warm-up that runs beside it, and that
   * step stops early for it: javac's file managers and the baselines are not thread-safe.
   */
  private final ReentrantLock lock = new ReentrantLock(true);

  private ModuleCompiler(JavaCompiler compiler, SnapshotStore snapshots) {
    this.javac = new Javac(compiler);
    this.snapshots = snapshots;
  }

  /**
   * The JDK's compiler.
   *
   * @param snapshots the session's snapshots, which hold the first build of each module
   * @throws CompilerUnavailableException when Maven runs on a Java runtime without javac
   */
  public static ModuleCompiler systemCompiler(SnapshotStore snapshots) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new CompilerUnavailableException(System.getProperty("java.home"));
    }
    return new ModuleCompiler(compiler, snapshots);
  }

  private static CompileResult unchanged(WorkspaceModule module, ModuleSnapshot classes) {
    return new CompileResult(
        module.name(), CompileResult.Mode.UNCHANGED, List.of(), 0, "", classes, Set.of());
  }

  /**
   * Builds the next version of {@code module} into {@code output}, a folder of its own that nothing
   * reads yet, which receives only the class files javac writes. Processor-generated sources go to
   * a sibling folder named {@code output}'s name plus {@code -generated}.
   *
   * @param upstream the builds of the workspace modules it depends on that go with it, in class
   *     path order
   * @param jars its third-party jars, as Maven orders them
   */
  public CompileResult compile(
      WorkspaceModule module, List<UpstreamBuild> upstream, List<Path> jars, Path output)
      throws CompilationFailedException {
    return compile(module, upstream, jars, output, null);
  }

  /**
   * Builds the next version of {@code module}; see {@link #compile(WorkspaceModule, List, List,
   * Path)}.
   *
   * @param changedFiles its files that changed (and folders deleted) since the last build, as the
   *     watcher saw them, or null when any may have: only those are looked at again. When none did,
   *     it is compiled only if an API it compiles against changed, and its sources are not looked
   *     at otherwise
   */
  public CompileResult compile(
      WorkspaceModule module,
      List<UpstreamBuild> upstream,
      List<Path> jars,
      Path output,
      Set<Path> changedFiles)
      throws CompilationFailedException {
    lock.lock();
    try {
      return compileLocked(module, upstream, jars, output, changedFiles);
    } finally {
      lock.unlock();
    }
  }

  private CompileResult compileLocked(
      WorkspaceModule module,
      List<UpstreamBuild> upstream,
      List<Path> jars,
      Path output,
      Set<Path> changedFiles)
      throws CompilationFailedException {
    boolean sourcesChanged = changedFiles == null || !changedFiles.isEmpty();
    List<ModuleSnapshot> classpath = classes(upstream);
    if (!sourcesChanged
        && !baselines.containsKey(module.name())
        && !compileWhole.containsKey(module.name())) {
      // Its classes are Maven's build, compiled against the first builds of the modules it
      // depends on: whether it needs compiling is known without reading it.
      try {
        if (upstreamDelta(firstBuilds(upstream), classpath).isEmpty()) {
          return unchanged(module, snapshots.first(module.name()));
        }
      } catch (IllegalArgumentException e) {
        // Read it below, to compile the whole module.
      }
    }
    Baseline base = baseline(module, upstream, jars);
    if (module.sourceRoots().isEmpty()) {
      // Not compiled by maven-compiler-plugin: it stays as the build made it.
      return unchanged(module, base.classes());
    }
    if (!sourcesChanged
        && base.wholeModuleReason() == null
        && usesNothingChanged(module, base, upstream, jars)) {
      // A module built only because one it depends on was: most often nothing it uses changed.
      remember(module.name(), base.compiledAgainst(classpath));
      return unchanged(module, base.classes());
    }
    SourceFiles.Next now = base.sources().next(module, changedFiles);
    SourceFiles sources = now.files();
    Set<Path> changed = now.changed();
    javac.workspaceFolders(module, folders(upstream));
    Path generated = generatedFolder(output);
    String reason = wholeModuleReason(module, base, sources, changed, folders(upstream), jars);
    ApiDelta upstreamDelta = ApiDelta.NONE;
    if (reason == null) {
      try {
        upstreamDelta = upstreamDelta(base.upstream(), classpath);
      } catch (IllegalArgumentException e) {
        reason = e.getMessage();
      }
    }
    IncrementalBuild.Outcome outcome = null;
    if (reason == null && changed.isEmpty() && upstreamDelta.isEmpty()) {
      remember(module.name(), base.compiledAgainst(classpath));
      return unchanged(module, base.classes());
    }
    if (reason == null) {
      outcome =
          new IncrementalBuild(
                  javac, module, base, sources.files(), classpath, jars, identifiers(module))
              .run(changed, upstreamDelta, output, generated);
      reason = outcome.wholeModuleReason();
    }
    CompileResult result;
    Baseline next;
    if (reason == null) {
      result =
          new CompileResult(
              module.name(),
              outcome.rounds() == 0 ? CompileResult.Mode.UNCHANGED : CompileResult.Mode.INCREMENTAL,
              outcome.compiled(),
              outcome.rounds(),
              "",
              outcome.classes(),
              outcome.removed());
      next =
          new Baseline(
              outcome.classes(), outcome.classSources(), classpath, jars, sources, false, null);
    } else {
      emptyFolder(output);
      emptyFolder(generated);
      Javac.Output all = compileAll(module, sources.files(), classpath, jars, output, generated);
      Set<String> removed = new HashSet<>(base.classes().classNames());
      removed.removeAll(all.classes().keySet());
      ModuleSnapshot classes = base.classes().derive(all.classes(), removed);
      result =
          new CompileResult(
              module.name(),
              CompileResult.Mode.FULL,
              List.copyOf(sources.files()),
              sources.size() == 0 ? 0 : 1,
              reason,
              classes,
              removed);
      next = new Baseline(classes, all.sources(), classpath, jars, sources, false, null);
    }
    boolean processorOutput =
        ClassFolder.holdsOtherFiles(output) || ClassFolder.holdsOtherFiles(generated);
    remember(module.name(), next.withProcessorOutput(processorOutput));
    return result;
  }

  /**
   * Compiles up to {@code files} sources of {@code module} into {@code scratch} and remembers
   * nothing: it only loads javac and the module's annotation processors, fills the module's file
   * manager and lets the JIT compile javac before the first real patch. It stops early, between two
   * of javac's events, once {@code patchWaits} says a patch waits or a compile waits for this
   * compiler. The caller deletes {@code scratch}; processor output is deleted here.
   *
   * @return whether it got through; false when it stopped for a patch
   */
  public boolean warmUp(
      WorkspaceModule module,
      List<UpstreamBuild> upstream,
      List<Path> jars,
      Path scratch,
      int files,
      BooleanSupplier patchWaits)
      throws CompilationFailedException {
    lock.lock();
    try {
      List<Path> sources =
          SourceFiles.sorted(SourceFiles.of(module).files()).stream().limit(files).toList();
      if (sources.isEmpty()) {
        return true;
      }
      Path generated = generatedFolder(scratch);
      try {
        javac.workspaceFolders(module, folders(upstream));
        List<ModuleSnapshot> classpath = new ArrayList<>();
        classpath.add(baseline(module, upstream, jars).classes());
        classpath.addAll(classes(upstream));
        javac.compile(
            module,
            sources,
            classpath,
            jars,
            scratch,
            generated,
            () -> patchWaits.getAsBoolean() || lock.hasQueuedThreads());
        return true;
      } catch (WarmUpStopped e) {
        return false;
      } finally {
        emptyFolder(generated);
        try {
          Files.deleteIfExists(generated);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot delete " + generated, e);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs javac once, with {@code module}'s options, on a one-class source of its own compiled into
   * {@code scratch}: the JVM's first javac run costs a second or more of class loading and
   * interpreted code, which would otherwise fall on the warm-up's first module or on a patch saved
   * right after the application's first output. Holds no lock and reads nothing of the module.
   */
  public void prime(WorkspaceModule module, Path scratch) throws IOException {
    javac.prime(module, scratch);
  }

  /**
   * Reads what the first build of {@code module} needs (its classes' sources and APIs), so that the
   * first patch of the module does not pay for it. Only speed is at stake.
   */
  public void prepare(WorkspaceModule module, List<UpstreamBuild> upstream, List<Path> jars) {
    lock.lock();
    try {
      baseline(module, upstream, jars);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Has the next build of {@code module} compile it whole, with the settings it is given then: its
   * build files changed (compiler settings, source folders, dependencies), so nothing that was
   * learnt of it may be trusted. Fails closed: what is forgotten is read again.
   */
  public void compileWhole(String module, String reason) {
    lock.lock();
    try {
      Baseline known = baselines.get(module);
      if (known != null) {
        baselines.put(module, known.compiledWhole(reason));
      } else {
        compileWhole.put(module, reason);
      }
      identifiers.remove(module);
      try {
        javac.forget(module);
      } catch (IOException e) {
        // A file manager that does not close keeps a jar open, nothing worse: a new one is made.
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Has the next build of every module list all its sources again, instead of looking only at the
   * files it is told changed: some changes were never told.
   */
  public void listSourcesAgain() {
    lock.lock();
    try {
      baselines.replaceAll((name, base) -> base.withSources(base.sources().unlisted()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws IOException {
    javac.close();
  }

  private Javac.Output compileAll(
      WorkspaceModule module,
      Set<Path> sources,
      List<ModuleSnapshot> upstream,
      List<Path> jars,
      Path output,
      Path generated)
      throws CompilationFailedException {
    if (sources.isEmpty()) {
      return new Javac.Output(Map.of(), Map.of());
    }
    return javac.compile(module, SourceFiles.sorted(sources), upstream, jars, output, generated);
  }

  /** Why the next build of {@code module} must compile all of it, or null when it need not. */
  private String wholeModuleReason(
      WorkspaceModule module,
      Baseline base,
      SourceFiles sources,
      Set<Path> changed,
      List<Path> workspaceFolders,
      List<Path> jars) {
    if (base.wholeModuleReason() != null) {
      return base.wholeModuleReason();
    }
    Path deleted = deletedSource(base, sources, changed);
    if (deleted != null) {
      return deleted.getFileName() + " was deleted";
    }
    if (base.processorOutput()) {
      return "annotation processors wrote files in the last build";
    }
    String processorReason = processorReason(module, workspaceFolders, jars);
    if (processorReason != null) {
      return processorReason;
    }
    if (!base.jars().equals(jars)) {
      return "its third-party class path changed";
    }
    return null;
  }

  /**
   * Whether no class or source of {@code module} that {@code base} knows uses an API that changed
   * in the builds it compiles against. The watcher saw none of its files change, so its sources are
   * neither listed nor read again; whatever cannot be told for sure answers false, and the module
   * goes through a build, which looks at all of it.
   */
  private boolean usesNothingChanged(
      WorkspaceModule module, Baseline base, List<UpstreamBuild> upstream, List<Path> jars) {
    List<ModuleSnapshot> classpath = classes(upstream);
    try {
      ApiDelta delta = upstreamDelta(base.upstream(), classpath);
      if (delta.isEmpty()) {
        return true;
      }
      if (!base.jars().equals(jars)) {
        return false;
      }
      if (base.processorOutput() || processorReason(module, folders(upstream), jars) != null) {
        // A processor's output may follow an API its sources never name.
        return false;
      }
      List<ModuleSnapshot> hierarchy = new ArrayList<>(classpath);
      hierarchy.add(base.classes());
      return Dependents.of(
              delta,
              base.classes(),
              base.classSources(),
              hierarchy,
              base.sources().files(),
              identifiers(module))
          .isEmpty();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      // A class that cannot be read, a source deleted since: the build below says which.
      return false;
    }
  }

  /** Why annotation processors need the whole module compiled, or null when they do not. */
  private String processorReason(
      WorkspaceModule module, List<Path> workspaceFolders, List<Path> jars) {
    List<Path> classpath = new ArrayList<>(workspaceFolders);
    classpath.addAll(jars);
    return processors.wholeModuleReason(module.compiler(), classpath, Runtime.version().feature());
  }

  /**
   * A source of {@code base} that is gone, or null. Every source now is one of {@code base}'s or an
   * added one among {@code changed}, so only counts that do not add up need a search: a body edit
   * looks up its own files, not every file of the module.
   */
  private static Path deletedSource(Baseline base, SourceFiles sources, Set<Path> changed) {
    long added = changed.stream().filter(file -> !base.sources().contains(file)).count();
    if (sources.size() - added == base.sources().size()) {
      return null;
    }
    for (Path known : base.sources().files()) {
      if (!sources.contains(known)) {
        return known;
      }
    }
    return null;
  }

  /**
   * How the workspace builds on the class path changed since the baseline was compiled.
   *
   * @throws IllegalArgumentException when the class path's workspace modules changed, or a changed
   *     class cannot be read
   */
  private static ApiDelta upstreamDelta(
      List<ModuleSnapshot> before, List<ModuleSnapshot> upstream) {
    if (before.size() != upstream.size()) {
      throw new IllegalArgumentException("its workspace dependencies changed");
    }
    ApiDelta delta = ApiDelta.NONE;
    for (int i = 0; i < upstream.size(); i++) {
      delta = delta.plus(ApiDelta.between(before.get(i), upstream.get(i)));
    }
    return delta;
  }

  /** The first build of each module of {@code upstream}: what Maven compiled against. */
  private List<ModuleSnapshot> firstBuilds(List<UpstreamBuild> upstream) {
    List<ModuleSnapshot> first = new ArrayList<>();
    for (UpstreamBuild dependency : upstream) {
      ModuleSnapshot known = snapshots.first(dependency.module());
      first.add(known != null ? known : dependency.classes());
    }
    return first;
  }

  private Baseline baseline(WorkspaceModule module, List<UpstreamBuild> upstream, List<Path> jars) {
    Baseline known = baselines.get(module.name());
    if (known == null) {
      known = initialBaseline(module, upstream, jars);
      String reason = compileWhole.remove(module.name());
      if (reason != null && known.wholeModuleReason() == null) {
        known = known.compiledWhole(reason);
      }
      baselines.put(module.name(), known);
    }
    return known;
  }

  /**
   * The build Maven made: its classes, each traced to its source through the SourceFile attribute,
   * compiled against the first builds of the modules it depends on.
   */
  private Baseline initialBaseline(
      WorkspaceModule module, List<UpstreamBuild> dependencies, List<Path> jars) {
    List<ModuleSnapshot> upstream = firstBuilds(dependencies);
    Path output = module.outputDirectory();
    Path generated = module.compiler().generatedSourcesDirectory();
    boolean processorOutput = generated != null && ClassFolder.holdsOtherFiles(generated);
    ModuleSnapshot classes = snapshots.first(module.name());
    try {
      if (classes == null) {
        classes = snapshots.read(output);
      }
    } catch (SnapshotReadException e) {
      return Baseline.unreadable(
          snapshots.of(Map.of()), upstream, jars, processorOutput, e.getMessage());
    }
    Map<String, Path> classSources = new HashMap<>();
    Map<Path, SourceStamp> sources = new HashMap<>();
    for (String name : classes.classNames()) {
      ClassApi api;
      try {
        api = classes.api(name);
      } catch (IllegalArgumentException e) {
        return Baseline.unreadable(classes, upstream, jars, processorOutput, e.getMessage());
      }
      Path source = locate(module, api);
      if (source == null) {
        continue;
      }
      classSources.put(name, source);
      FileTime written = ClassFolder.modified(output, name);
      SourceStamp stamp = sources.get(source);
      if (written != null && (stamp == null || written.compareTo(stamp.modified()) < 0)) {
        sources.put(source, SourceStamp.notAfter(written));
      }
    }
    return new Baseline(
        classes, classSources, upstream, jars, SourceFiles.known(sources), processorOutput, null);
  }

  /**
   * The source file a class of Maven's build came from. When no root holds it, the file it would be
   * in the first root: it was deleted since, or the class is a leftover of an earlier build, and
   * either way the next build compiles the whole module.
   */
  private static Path locate(WorkspaceModule module, ClassApi api) {
    String fileName = api.sourceFileName();
    if (fileName == null) {
      String simple = api.simpleName();
      int nested = simple.indexOf('$');
      fileName = (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
    }
    for (Path root : module.sourceRoots()) {
      Path candidate = root.resolve(api.packageFolder() + fileName).toAbsolutePath().normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return module.sourceRoots().isEmpty()
        ? null
        : module
            .sourceRoots()
            .get(0)
            .resolve(api.packageFolder() + fileName)
            .toAbsolutePath()
            .normalize();
  }

  private static List<ModuleSnapshot> classes(List<UpstreamBuild> upstream) {
    return upstream.stream().map(UpstreamBuild::classes).toList();
  }

  private static List<Path> folders(List<UpstreamBuild> upstream) {
    return upstream.stream().flatMap(u -> u.folders().stream()).toList();
  }

  private void remember(String module, Baseline baseline) {
    baselines.put(module, baseline);
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
