package dev.hotpatch.maven.mojo;

import dev.hotpatch.serve.workspace.CompilerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The configuration of one module's maven-compiler-plugin {@code compile} execution, read the way
 * Maven configures the mojo: a parameter's text is evaluated, and when that gives nothing its
 * {@code default-value} attribute is. Maven has merged the plugin, execution and property defaults
 * into the execution's configuration already, so that this reads what the build really used.
 */
final class CompilerPluginConfiguration {

  /** Evaluates {@code ${...}} expressions against the module's project and session. */
  @FunctionalInterface
  interface Expressions {
    Object evaluate(String expression) throws Exception;
  }

  private final String module;
  private final Xpp3Dom configuration;
  private final Expressions expressions;

  CompilerPluginConfiguration(String module, Xpp3Dom configuration, Expressions expressions) {
    this.module = module;
    this.configuration = configuration == null ? new Xpp3Dom("configuration") : configuration;
    this.expressions = expressions;
  }

  /** The settings javac gets, with {@code <annotationProcessorPaths>} already resolved. */
  CompilerSettings settings(List<Path> processorPath) throws MojoFailureException {
    String generated = string("generatedSourcesDirectory");
    return new CompilerSettings(
        string("release"),
        string("source"),
        string("target"),
        string("encoding"),
        flag("debug", true),
        string("debuglevel"),
        flag("parameters", false),
        flag("enablePreview", false),
        flag("showDeprecation", false),
        flag("showWarnings", true),
        flag("failOnWarning", false),
        string("proc"),
        values("annotationProcessors"),
        processorPath,
        compilerArgs(),
        generated == null ? null : Path.of(generated));
  }

  /** Whether the execution compiles nothing ({@code maven.main.skip}). */
  boolean skipped() throws MojoFailureException {
    return flag("skipMain", false);
  }

  /** The {@code <path>} entries of {@code <annotationProcessorPaths>}, unresolved. */
  List<ProcessorCoordinate> processorPaths() throws MojoFailureException {
    Xpp3Dom paths = configuration.getChild("annotationProcessorPaths");
    List<ProcessorCoordinate> coordinates = new ArrayList<>();
    if (paths == null) {
      return coordinates;
    }
    for (Xpp3Dom path : paths.getChildren()) {
      List<String> exclusions = new ArrayList<>();
      Xpp3Dom excluded = path.getChild("exclusions");
      if (excluded != null) {
        for (Xpp3Dom exclusion : excluded.getChildren()) {
          exclusions.add(
              evaluated(exclusion.getChild("groupId"), "*")
                  + ":"
                  + evaluated(exclusion.getChild("artifactId"), "*"));
        }
      }
      coordinates.add(
          new ProcessorCoordinate(
              evaluated(path.getChild("groupId"), null),
              evaluated(path.getChild("artifactId"), null),
              evaluated(path.getChild("version"), null),
              evaluated(path.getChild("classifier"), ""),
              evaluated(path.getChild("type"), "jar"),
              exclusions));
    }
    return coordinates;
  }

  /**
   * maven-compiler-plugin's custom arguments: each {@code compilerArguments} entry as {@code -key
   * value} ({@code -Akey=value} for processor options), then {@code compilerArgument} as one
   * argument, then every {@code compilerArgs} element. Options for the javac launcher ({@code -J})
   * do not apply to a compiler running in process.
   */
  private List<String> compilerArgs() throws MojoFailureException {
    List<String> args = new ArrayList<>();
    Xpp3Dom arguments = configuration.getChild("compilerArguments");
    if (arguments != null) {
      for (Xpp3Dom argument : arguments.getChildren()) {
        String key =
            argument.getName().startsWith("-") ? argument.getName() : "-" + argument.getName();
        String value = evaluated(argument, "");
        if (key.startsWith("-A") && !value.isEmpty()) {
          args.add(key + "=" + value);
        } else {
          args.add(key);
          if (!value.isEmpty()) {
            args.add(value);
          }
        }
      }
    }
    String argument = string("compilerArgument");
    if (argument != null) {
      args.add(argument);
    }
    args.addAll(values("compilerArgs"));
    args.removeIf(arg -> arg.startsWith("-J"));
    return args;
  }

  private String string(String name) throws MojoFailureException {
    return evaluated(configuration.getChild(name), null);
  }

  private boolean flag(String name, boolean fallback) throws MojoFailureException {
    String value = string(name);
    return value == null ? fallback : Boolean.parseBoolean(value);
  }

  private List<String> values(String name) throws MojoFailureException {
    List<String> values = new ArrayList<>();
    Xpp3Dom list = configuration.getChild(name);
    if (list != null) {
      for (Xpp3Dom element : list.getChildren()) {
        String value = evaluated(element, null);
        if (value != null) {
          values.add(value);
        }
      }
    }
    return values;
  }

  /** The element's evaluated text, else its evaluated {@code default-value}, else fallback. */
  private String evaluated(Xpp3Dom element, String fallback) throws MojoFailureException {
    if (element == null) {
      return fallback;
    }
    String value = evaluate(element.getName(), element.getValue());
    if (value == null) {
      value = evaluate(element.getName(), element.getAttribute("default-value"));
    }
    return value == null ? fallback : value;
  }

  private String evaluate(String parameter, String text) throws MojoFailureException {
    if (text == null || text.isBlank()) {
      return null;
    }
    Object value;
    try {
      value = expressions.evaluate(text.trim());
    } catch (Exception e) {
      throw new MojoFailureException(
          "Cannot evaluate <"
              + parameter
              + ">"
              + text.trim()
              + "</"
              + parameter
              + "> in the maven-compiler-plugin configuration of module "
              + module
              + ": "
              + e.getMessage()
              + ". Fix the expression in that module's pom.xml.",
          e);
    }
    if (value == null) {
      return null;
    }
    String string = value.toString().trim();
    return string.isEmpty() ? null : string;
  }
}
