package dev.hotpatch.serve.compile;

import dev.hotpatch.serve.workspace.CompilerSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Tells whether the annotation processors javac would run allow compiling part of a module.
 *
 * <p>A processor may write one file from many sources (an index, a service file): compiled with a
 * few of them, it writes an incomplete file. Processors that declare themselves <em>isolating</em>
 * (each output from one source, as Lombok and many others declare in {@value #DECLARATIONS}, the
 * convention Gradle reads) are safe to run on part of a module; any other one means compiling the
 * whole module.
 */
final class AnnotationProcessors {
  static final String SERVICES = "META-INF/services/javax.annotation.processing.Processor";
  static final String DECLARATIONS = "META-INF/gradle/incremental.annotation.processors";

  /** What one jar or folder of a path offers. */
  private record Offer(List<String> processors, Set<String> isolating) {}

  /**
   * Jars do not change while serve runs, nor do the folders of module versions: a version's folder
   * is never written again, and the first build's is Maven's, which serve does not run again.
   */
  private final Map<Path, Offer> known = new HashMap<>();

  /**
   * Why the processors javac would run with {@code settings} rule out compiling part of the module,
   * or null when they do not (no processor, or only isolating ones).
   */
  String wholeModuleReason(CompilerSettings settings, List<Path> classpath, int jdk) {
    if (!settings.annotationProcessingEnabled(jdk)) {
      return null;
    }
    for (String arg : settings.compilerArgs()) {
      if (arg.equals("-processorpath")
          || arg.equals("--processor-path")
          || arg.equals("--processor-module-path")
          || arg.equals("-processor")) {
        return "compilerArgs names annotation processors (" + arg + ")";
      }
    }
    List<Path> path = settings.processorPath().isEmpty() ? classpath : settings.processorPath();
    Set<String> processors = new LinkedHashSet<>(settings.processors());
    Set<String> isolating = new LinkedHashSet<>();
    for (Path entry : path) {
      Offer offer = offer(entry);
      if (settings.processors().isEmpty()) {
        processors.addAll(offer.processors());
      }
      isolating.addAll(offer.isolating());
    }
    for (String processor : processors) {
      if (!isolating.contains(processor)) {
        return "annotation processor " + processor + " may write files from several sources";
      }
    }
    return null;
  }

  private Offer offer(Path entry) {
    return known.computeIfAbsent(
        entry,
        path ->
            Files.isDirectory(path)
                ? new Offer(
                    lines(path.resolve(SERVICES)), isolating(lines(path.resolve(DECLARATIONS))))
                : readJar(path));
  }

  private static Offer readJar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return new Offer(List.of(), Set.of());
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return new Offer(lines(zip, SERVICES), isolating(lines(zip, DECLARATIONS)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + jar, e);
    }
  }

  /** {@code name,isolating} lines, as Gradle reads them. */
  private static Set<String> isolating(List<String> declarations) {
    Set<String> names = new LinkedHashSet<>();
    for (String line : declarations) {
      String[] parts = line.split(",");
      if (parts.length == 2 && parts[1].trim().toLowerCase(Locale.ROOT).equals("isolating")) {
        names.add(parts[0].trim());
      }
    }
    return names;
  }

  private static List<String> lines(ZipFile zip, String name) throws IOException {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      return List.of();
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return lines(in);
    }
  }

  private static List<String> lines(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return lines(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Non-blank lines without {@code #} comments, as ServiceLoader reads them. */
  private static List<String> lines(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      int comment = line.indexOf('#');
      String text = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (!text.isEmpty()) {
        lines.add(text);
      }
    }
    return lines;
  }
}
