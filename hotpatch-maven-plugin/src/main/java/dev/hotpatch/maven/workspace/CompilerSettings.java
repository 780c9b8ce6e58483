package dev.hotpatch.maven.workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * The javac settings of one module, as its maven-compiler-plugin configuration gives them.
 *
 * @param release {@code --release}, or null when the module sets source and target instead
 * @param source {@code -source}, or null
 * @param target {@code -target}, or null
 * @param encoding source encoding, or null for the platform's
 * @param parameters whether {@code -parameters} is on
 * @param debug whether {@code -g} is on (Maven's default)
 * @param extraArgs {@code compilerArgs} and {@code compilerArgument}, passed as they are
 */
public record CompilerSettings(
    String release,
    String source,
    String target,
    String encoding,
    boolean parameters,
    boolean debug,
    List<String> extraArgs) {

  public CompilerSettings {
    extraArgs = List.copyOf(extraArgs);
  }

  public static CompilerSettings defaults() {
    return new CompilerSettings(null, null, null, null, false, true, List.of());
  }

  /** The options for javac, without class path and output folder. */
  public List<String> javacOptions() {
    List<String> options = new ArrayList<>();
    if (release != null) {
      options.add("--release");
      options.add(release);
    } else {
      if (source != null) {
        options.add("-source");
        options.add(source);
      }
      if (target != null) {
        options.add("-target");
        options.add(target);
      }
    }
    if (encoding != null) {
      options.add("-encoding");
      options.add(encoding);
    }
    if (parameters) {
      options.add("-parameters");
    }
    if (debug) {
      options.add("-g");
    }
    options.addAll(extraArgs);
    return options;
  }
}
