package dev.hotpatch.serve.compile.bench;

import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.compile.CompileResult;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.compile.Workspaces;
import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whole-module against incremental compiles of one generated module, with the same warm compiler:
 * what a patch costs when one file of a module of a few hundred classes changes.
 *
 * <p>Class {@code Ci} has fields, a constant, a lambda and a call into {@code C(i-1)}, about 40
 * lines each. Measured, as medians after warm-up runs: a whole-module compile, a body edit of one
 * class (javac on that file alone) and a signature edit (that file and its one user).
 */
public final class CompileBenchmark {
  private static final int WARM_UP = 8;
  private static final int RUNS = 15;

  private final Path dir;
  private final WorkspaceModule module;
  private final ModuleCompiler compiler = ModuleCompiler.systemCompiler(new SnapshotStore());
  private int builds;
  private long edits;

  private CompileBenchmark(Path dir) {
    this.dir = dir;
    this.module =
        new WorkspaceModule(
            "bench",
            dir,
            List.of(dir.resolve("src")),
            dir.resolve("classes"),
            dir.resolve("target"),
            List.of(),
            List.of(),
            List.of(),
            new CompilerSettings(
                "17", null, null, "UTF-8", true, null, false, false, false, true, false, null,
                List.of(), List.of(), List.of(), null));
  }

  public static void main(String[] args) throws Exception {
    int classes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    CompileBenchmark bench = new CompileBenchmark(Files.createTempDirectory("compile-bench"));
    bench.generate(classes);
    System.out.printf(
        Locale.ROOT,
        "compile benchmark, Java %s, %d cores, %d classes%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        classes);
    // What mvn compile leaves behind: the build the first incremental compile starts from.
    Workspaces.javac(bench.module, List.of(), bench.module.outputDirectory());
    int middle = classes / 2;
    double full = bench.median(() -> bench.full());
    double body = bench.median(() -> bench.edit(middle, "value() + " + middle, 1));
    double signature = bench.median(() -> bench.signature(middle));
    System.out.printf(Locale.ROOT, "whole module        %8.1f ms%n", full);
    System.out.printf(
        Locale.ROOT, "body edit           %8.1f ms  (%.1fx faster)%n", body, full / body);
    System.out.printf(
        Locale.ROOT, "signature edit      %8.1f ms  (%.1fx faster)%n", signature, full / signature);
  }

  @FunctionalInterface
  private interface Run {
    void run() throws Exception;
  }

  private double median(Run run) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      run.run();
    }
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      run.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[RUNS / 2];
  }

  private void full() throws Exception {
    compiler.warmUp(
        module,
        List.of(),
        List.of(),
        dir.resolve("scratch").resolve("b" + ++builds),
        Integer.MAX_VALUE,
        () -> false);
  }

  private void edit(int index, String body, int expectedFiles) throws Exception {
    Path file = source(index);
    String text = Files.readString(file);
    int at = text.indexOf("/*edit*/");
    int end = text.indexOf(';', at);
    write(
        file, text.substring(0, at) + "/*edit*/ return " + body + " + " + builds + end(text, end));
    build(file, expectedFiles);
  }

  /** Flips the return type of {@code Ci.twice} between int and long; {@code C(i+1)} uses it. */
  private void signature(int index) throws Exception {
    Path file = source(index);
    String text = Files.readString(file);
    write(
        file,
        text.contains("public static int twice")
            ? text.replace("public static int twice", "public static long twice")
            : text.replace("public static long twice", "public static int twice"));
    build(file, 2);
  }

  /** Builds the next version after {@code edited} changed, as serve's watcher names it. */
  private void build(Path edited, int expectedFiles) throws Exception {
    CompileResult result =
        compiler.compile(
            module,
            List.of(),
            List.of(),
            dir.resolve("versions").resolve("b" + ++builds),
            Set.of(edited));
    if (result.compiled().size() != expectedFiles) {
      throw new IllegalStateException("expected " + expectedFiles + " files compiled: " + result);
    }
  }

  private static String end(String text, int semicolon) {
    return text.substring(semicolon);
  }

  private void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10 + ++edits)));
  }

  private Path source(int index) {
    return dir.resolve("src/bench/C" + index + ".java");
  }

  private void generate(int classes) throws Exception {
    for (int i = 0; i < classes; i++) {
      Path file = source(i);
      Files.createDirectories(file.getParent());
      String previous = i == 0 ? "1" : "C" + (i - 1) + ".value()";
      String twice = i == 0 ? "0" : "(int) C" + (i - 1) + ".twice(" + i + ")";
      Files.writeString(
          file,
          String.join(
              "\n",
              "package bench;",
              "",
              "import java.util.ArrayList;",
              "import java.util.List;",
              "import java.util.function.IntSupplier;",
              "",
              "/** Generated class " + i + ". */",
              "public final class C" + i + " {",
              "  public static final String NAME = \"c" + i + "\";",
              "  private final List<String> names = new ArrayList<>();",
              "  private int count;",
              "",
              "  public static int value() {",
              "    /*edit*/ return " + previous + " + " + i + ";",
              "  }",
              "",
              "  public static int twice(int n) {",
              "    return n * 2 + " + twice + ";",
              "  }",
              "",
              "  public IntSupplier counter() {",
              "    return () -> count++ + names.size();",
              "  }",
              "",
              "  public String describe() {",
              "    StringBuilder text = new StringBuilder(NAME);",
              "    for (String name : names) {",
              "      text.append(',').append(name);",
              "    }",
              "    return text.append(':').append(count).toString();",
              "  }",
              "",
              "  public void add(String name) {",
              "    if (!names.contains(name)) {",
              "      names.add(name);",
              "    }",
              "  }",
              "}",
              ""));
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    }
  }
}
