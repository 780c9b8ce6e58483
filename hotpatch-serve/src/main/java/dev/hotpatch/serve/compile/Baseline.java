package dev.hotpatch.serve.compile;

import dev.hotpatch.diff.ModuleSnapshot;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The last complete build of a module that the compiler knows: what a next build starts from.
 *
 * @param classes its classes
 * @param classSources the source file each class was compiled from, by internal name; absent when
 *     unknown
 * @param upstream the builds of the workspace modules it was compiled against, in class path order
 * @param jars the third-party jars it was compiled against
 * @param sources every source file it was compiled from, as it was then
 * @param processorOutput whether annotation processors wrote files in it, which a partial compile
 *     could leave stale
 * @param wholeModuleReason why the next build must compile the whole module, or null
 */
record Baseline(
    ModuleSnapshot classes,
    Map<String, Path> classSources,
    List<ModuleSnapshot> upstream,
    List<Path> jars,
    SourceFiles sources,
    boolean processorOutput,
    String wholeModuleReason) {

  /**
   * Takes {@code classSources} over without a copy: each build makes it anew, and copying a map of
   * every file of a large module on each save cost more than its javac.
   */
  Baseline {
    classSources = Collections.unmodifiableMap(classSources);
    upstream = List.copyOf(upstream);
    jars = List.copyOf(jars);
  }

  /** Maven's build, whose classes could not all be read: the next build compiles it whole. */
  static Baseline unreadable(
      ModuleSnapshot classes,
      List<ModuleSnapshot> upstream,
      List<Path> jars,
      boolean processorOutput,
      String reason) {
    return new Baseline(
        classes, Map.of(), upstream, jars, SourceFiles.known(Map.of()), processorOutput, reason);
  }

  /**
   * The same build, compiled against {@code upstream}, which did not change what it compiles to.
   */
  Baseline compiledAgainst(List<ModuleSnapshot> upstream) {
    return new Baseline(
        classes, classSources, upstream, jars, sources, processorOutput, wholeModuleReason);
  }

  /** The same build, which the next build compiles whole, for {@code reason}. */
  Baseline compiledWhole(String reason) {
    return new Baseline(classes, classSources, upstream, jars, sources, processorOutput, reason);
  }

  Baseline withSources(SourceFiles sources) {
    return new Baseline(
        classes, classSources, upstream, jars, sources, processorOutput, wholeModuleReason);
  }

  Baseline withProcessorOutput(boolean processorOutput) {
    return new Baseline(
        classes, classSources, upstream, jars, sources, processorOutput, wholeModuleReason);
  }
}
