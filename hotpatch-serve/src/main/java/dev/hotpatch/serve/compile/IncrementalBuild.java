package dev.hotpatch.serve.compile;

import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One build of a module from its baseline: javac on the changed sources and on those that may
 * compile differently because of them, in rounds until no API they use changes, with every other
 * class copied forward so that the new folder is complete.
 *
 * <p>Each round compiles a batch against the classes as they are after the rounds before; when a
 * batch changes the API of a class (a signature, a supertype, a constant value), the files that use
 * that class, or one of its subtypes, or that spell the constant make the next batch.
 */
final class IncrementalBuild {
  /** Beyond this many rounds something keeps changing: the whole module is simpler and surer. */
  private static final int MAX_ROUNDS = 4;

  /** Modules smaller than this are compiled in part all the same: it is fast either way. */
  private static final int SMALL_MODULE = 20;

  /** What a build made of the module, or why it gave up for a whole-module compile. */
  record Outcome(
      Map<String, ClassFacts> classes, List<Path> compiled, int rounds, String wholeModuleReason) {
    static Outcome wholeModule(String reason) {
      return new Outcome(Map.of(), List.of(), 0, reason);
    }
  }

  private final Javac javac;
  private final WorkspaceModule module;
  private final Baseline base;
  private final Set<Path> sources;
  private final List<Path> classpath;
  private final List<Map<String, ClassFacts>> upstream;
  private final IdentifierIndex identifiers;

  /**
   * @param sources every source of the module now
   * @param upstream the classes of the workspace folders on the class path, for subtypes
   */
  IncrementalBuild(
      Javac javac,
      WorkspaceModule module,
      Baseline base,
      Set<Path> sources,
      List<Path> classpath,
      List<Map<String, ClassFacts>> upstream,
      IdentifierIndex identifiers) {
    this.javac = javac;
    this.module = module;
    this.base = base;
    this.sources = sources;
    this.classpath = classpath;
    this.upstream = upstream;
    this.identifiers = identifiers;
  }

  /**
   * Builds into {@code output}.
   *
   * @param changed sources added or modified since the baseline
   * @param delta how the workspace classes the module compiles against changed
   */
  Outcome run(Set<Path> changed, ApiDelta delta, Path output, Path generated)
      throws CompilationFailedException {
    Map<String, ClassFacts> current = new HashMap<>(base.classes());
    Set<Path> batch = new LinkedHashSet<>(changed);
    batch.addAll(Dependents.of(delta, current, hierarchy(current), sources, identifiers));
    for (ClassFacts facts : base.classes().values()) {
      if (!batch.contains(facts.source())) {
        ClassFolder.copy(facts.name(), base.output(), output);
      }
    }
    List<Path> compiled = new ArrayList<>();
    int round = 0;
    while (!batch.isEmpty()) {
      round++;
      if (round > MAX_ROUNDS) {
        return Outcome.wholeModule("API changes went on for " + MAX_ROUNDS + " rounds");
      }
      if (tooMany(compiled.size() + batch.size())) {
        return Outcome.wholeModule("most of its files are affected");
      }
      Map<String, ClassFacts> before = new HashMap<>();
      for (ClassFacts facts : List.copyOf(current.values())) {
        if (batch.contains(facts.source())) {
          before.put(facts.name(), current.remove(facts.name()));
          ClassFolder.delete(output, facts.name());
        }
      }
      List<Path> path = new ArrayList<>();
      path.add(output);
      path.addAll(classpath);
      Map<String, Path> written = javac.compile(module, batch, path, output, generated);
      if (!sources.containsAll(written.values()) || ClassFolder.holdsOtherFiles(generated)) {
        return Outcome.wholeModule("annotation processors generated files");
      }
      Map<String, ClassFacts> after = new HashMap<>();
      for (Map.Entry<String, Path> entry : written.entrySet()) {
        try {
          after.put(
              entry.getKey(),
              ClassFolder.read(ClassFolder.fileOf(output, entry.getKey()), output)
                  .withSource(entry.getValue()));
        } catch (UnreadableClassException e) {
          return Outcome.wholeModule(e.getMessage());
        }
      }
      current.putAll(after);
      compiled.addAll(batch);
      Set<Path> next =
          new HashSet<>(
              Dependents.of(
                  ApiDelta.between(before, after),
                  current,
                  hierarchy(current),
                  sources,
                  identifiers));
      next.removeAll(batch);
      batch = new LinkedHashSet<>(next);
    }
    return new Outcome(current, compiled, round, null);
  }

  private boolean tooMany(int files) {
    return sources.size() >= SMALL_MODULE && files * 2 > sources.size();
  }

  private List<Map<String, ClassFacts>> hierarchy(Map<String, ClassFacts> current) {
    List<Map<String, ClassFacts>> hierarchy = new ArrayList<>(upstream);
    hierarchy.add(current);
    return hierarchy;
  }
}
