package dev.hotpatch.serve.compile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The last complete build of a module that the compiler knows: what a next build starts from.
 *
 * @param output its class folder, never written again
 * @param classpath what it was compiled against
 * @param classes its classes by internal name, each with its source file
 * @param sources every source file it was compiled from, as it was then
 * @param processorOutput whether annotation processors wrote files in it, which a partial compile
 *     could leave stale
 * @param wholeModuleReason why the next build must compile the whole module, or null
 */
record Baseline(
    Path output,
    List<Path> classpath,
    Map<String, ClassFacts> classes,
    Map<Path, SourceStamp> sources,
    boolean processorOutput,
    String wholeModuleReason) {

  Baseline {
    classpath = List.copyOf(classpath);
    classes = Map.copyOf(classes);
    sources = Map.copyOf(sources);
  }
}
