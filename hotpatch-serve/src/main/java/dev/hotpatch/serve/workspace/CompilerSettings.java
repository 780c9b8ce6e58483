package dev.hotpatch.serve.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The javac settings of one module: what its {@code default-compile} execution of
 * maven-compiler-plugin hands javac, so that a patch compiles the way {@code mvn compile} does on
 * the same JDK.
 *
 * @param release {@code --release}, or null; when set, source and target are not passed
 * @param source {@code -source}, or null
 * @param target {@code -target}, or null
 * @param encoding the source encoding, or null for the JVM's default
 * @param debug whether debug information is on ({@code -g}); javac's default when off
 * @param debugLevel the kinds of debug information ({@code -g:lines,vars,source}), or null for all
 * @param parameters whether {@code -parameters} is on
 * @param enablePreview whether {@code --enable-preview} is on
 * @param showDeprecation whether {@code -deprecation} is on
 * @param showWarnings whether warnings are on; off passes {@code -nowarn}
 * @param failOnWarning whether {@code -Werror} is on
 * @param proc {@code none}, {@code only} or {@code full} for {@code -proc:}, or null for javac's
 *     default (which JDK 23 changed: see {@link #annotationProcessingEnabled})
 * @param processors the processors named by {@code <annotationProcessors>} ({@code -processor}),
 *     empty to let javac discover them
 * @param processorPath {@code <annotationProcessorPaths>} resolved to jars ({@code
 *     -processorpath}), empty to look for processors on the class path
 * @param compilerArgs {@code compilerArguments}, {@code compilerArgument} and {@code compilerArgs},
 *     in that order, as maven-compiler-plugin passes them after its own options
 * @param generatedSourcesDirectory where Maven's compile wrote annotation processor output ({@code
 *     -s}); never a source root of a patch, since a patch regenerates it
 */
public record CompilerSettings(
    String release,
    String source,
    String target,
    String encoding,
    boolean debug,
    String debugLevel,
    boolean parameters,
    boolean enablePreview,
    boolean showDeprecation,
    boolean showWarnings,
    boolean failOnWarning,
    String proc,
    List<String> processors,
    List<Path> processorPath,
    List<String> compilerArgs,
    Path generatedSourcesDirectory) {

  /** Options, given on the command line, that make javac run annotation processors on JDK 23+. */
  private static final List<String> PROCESSING_OPTIONS =
      List.of(
          "-processor",
          "-processorpath",
          "--processor-path",
          "--processor-module-path",
          "-proc:only",
          "-proc:full");

  public CompilerSettings {
    processors = List.copyOf(processors);
    processorPath = List.copyOf(processorPath);
    compilerArgs = List.copyOf(compilerArgs);
  }

  /** javac's own defaults with debug information on, as maven-compiler-plugin has it. */
  public static CompilerSettings defaults() {
    return new CompilerSettings(
        null, null, null, null, true, null, false, false, false, true, false, null, List.of(),
        List.of(), List.of(), null);
  }

  /**
   * The options for javac, in maven-compiler-plugin's order, without the paths (class path,
   * processor path, output folders), which the compiler sets on its file manager.
   */
  public List<String> javacOptions() {
    List<String> options = new ArrayList<>();
    if (proc != null) {
      options.add("-proc:" + proc);
    }
    if (!processors.isEmpty()) {
      options.add("-processor");
      options.add(String.join(",", processors));
    }
    if (debug) {
      options.add(debugLevel == null ? "-g" : "-g:" + debugLevel);
    }
    if (parameters) {
      options.add("-parameters");
    }
    if (enablePreview) {
      options.add("--enable-preview");
    }
    if (showDeprecation) {
      options.add("-deprecation");
    }
    if (!showWarnings) {
      options.add("-nowarn");
    }
    if (failOnWarning) {
      options.add("-Werror");
    }
    if (release != null) {
      options.add("--release");
      options.add(release);
    } else {
      if (target != null) {
        options.add("-target");
        options.add(target);
      }
      if (source != null) {
        options.add("-source");
        options.add(source);
      }
    }
    if (encoding != null) {
      options.add("-encoding");
      options.add(encoding);
    }
    options.addAll(compilerArgs);
    return options;
  }

  /**
   * Whether javac of feature release {@code jdk} runs annotation processors with these settings,
   * given that it finds some. Up to JDK 22 it does unless {@code -proc:none}; from JDK 23 on only
   * when a processor, a processor path or {@code -proc:only}/{@code -proc:full} is given.
   */
  public boolean annotationProcessingEnabled(int jdk) {
    if ("none".equals(proc) || compilerArgs.contains("-proc:none")) {
      return false;
    }
    if (jdk < 23 || "only".equals(proc) || "full".equals(proc)) {
      return true;
    }
    return !processors.isEmpty()
        || !processorPath.isEmpty()
        || compilerArgs.stream().anyMatch(PROCESSING_OPTIONS::contains);
  }
}
