package dev.hotpatch.serve.compile;

import dev.hotpatch.diff.ApiDelta;
import dev.hotpatch.diff.ModuleSnapshot;
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
 * compile differently because of them, in rounds until no API they use changes. Only what javac
 * writes goes into the output folder; every other class stays where the baseline has it.
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

  /**
   * What a build made of the module, or why it gave up for a whole-module compile.
   *
   * @param classes the module's classes after the build
   * @param classSources the source of each class after the build
   * @param removed classes of the baseline that the build no longer has
   */
  record Outcome(
      ModuleSnapshot classes,
      Map<String, Path> classSources,
      Set<String> removed,
      List<Path> compiled,
      int rounds,
      String wholeModuleReason) {
    static Outcome wholeModule(String reason) {
      return new Outcome(null, Map.of(), Set.of(), List.of(), 0, reason);
    }
  }

  private final Javac javac;
  private final WorkspaceModule module;
  private final Baseline base;
  private final Set<Path> sources;
  private final List<ModuleSnapshot> upstream;
  private final List<Path> jars;
  private final IdentifierIndex identifiers;

  /**
   * @param sources every source of the module now
   * @param upstream the workspace builds the module compiles against, in class path order
   */
  IncrementalBuild(
      Javac javac,
      WorkspaceModule module,
      Baseline base,
      Set<Path> sources,
      List<ModuleSnapshot> upstream,
      List<Path> jars,
      IdentifierIndex identifiers) {
    this.javac = javac;
    this.module = module;
    this.base = base;
    this.sources = sources;
    this.upstream = upstream;
    this.jars = jars;
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
    ModuleSnapshot current = base.classes();
    Map<String, Path> classSources = new HashMap<>(base.classSources());
    Set<Path> batch = new LinkedHashSet<>(changed);
    try {
      batch.addAll(
          Dependents.of(delta, current, classSources, hierarchy(current), sources, identifiers));
    } catch (IllegalArgumentException e) {
      return Outcome.wholeModule(e.getMessage());
    }
    Set<String> removed = new HashSet<>();
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
      Set<String> replaced = new HashSet<>();
      classSources.forEach(
          (name, source) -> {
            if (batch.contains(source)) {
              replaced.add(name);
            }
          });
      ModuleSnapshot before = current;
      // javac sees the module without the classes it compiles again.
      ModuleSnapshot others = current.derive(Map.of(), replaced);
      List<ModuleSnapshot> path = new ArrayList<>();
      path.add(others);
      path.addAll(upstream);
      Javac.Output written = javac.compile(module, batch, path, jars, output, generated);
      if (!sources.containsAll(written.sources().values())
          || ClassFolder.holdsOtherFiles(generated)) {
        return Outcome.wholeModule("annotation processors generated files");
      }
      Set<String> gone = new HashSet<>(replaced);
      gone.removeAll(written.classes().keySet());
      // A class an earlier round wrote and this one did not is no longer part of the build.
      gone.forEach(name -> ClassFolder.delete(output, name));
      current = current.derive(written.classes(), gone);
      classSources.keySet().removeAll(gone);
      classSources.putAll(written.sources());
      removed.addAll(gone);
      removed.removeAll(written.classes().keySet());
      compiled.addAll(batch);
      ApiDelta next;
      try {
        next = ApiDelta.between(before, current);
        Set<Path> files =
            new HashSet<>(
                Dependents.of(
                    next, current, classSources, hierarchy(current), sources, identifiers));
        files.removeAll(batch);
        batch.clear();
        batch.addAll(files);
      } catch (IllegalArgumentException e) {
        return Outcome.wholeModule(e.getMessage());
      }
    }
    removed.removeIf(current::contains);
    return new Outcome(current, classSources, removed, compiled, round, null);
  }

  private boolean tooMany(int files) {
    return sources.size() >= SMALL_MODULE && files * 2 > sources.size();
  }

  private List<ModuleSnapshot> hierarchy(ModuleSnapshot current) {
    List<ModuleSnapshot> hierarchy = new ArrayList<>(upstream);
    hierarchy.add(current);
    return hierarchy;
  }
}
