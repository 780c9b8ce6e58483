import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Patch cost at real size: edit-to-effect time and serve's per-stage split on generated Maven
 * workspaces of 100 to 3,000 classes, and a soak of many patches that watches for leaks.
 *
 * <p>Workspaces (generated into a temporary folder, built once with {@code mvn -o install}):
 *
 * <ul>
 *   <li>{@code lib100}, {@code lib500}, {@code lib2000}: a module {@code lib} of that many types
 *       (one in 20 an interface) and a module {@code app} that depends on it;
 *   <li>{@code chain30}: modules {@code m00 <- m01 <- ... <- m29 <- app}, 100 types each, every
 *       module calling classes of the one below.
 * </ul>
 *
 * The application ticks every 5 ms through {@code Hot.call(() -> println("tick " +
 * Probe.describe()))}; {@code Probe} reaches {@code C0000.label} of the bottom module, which is the
 * class every edit changes, so a tick line shows the new code as soon as it runs.
 *
 * <p>Edit kinds, each timed from the file write to the first tick line that shows the new code:
 * {@code body} (the string {@code label} returns), {@code structural} ({@code label} calls a newly
 * added method) and {@code signature} ({@code label}'s parameter flips between {@code int} and
 * {@code long}; its callers in the module and in the modules above compile against both, so serve
 * must recompile them). Each kind runs in a serve session of its own: the first edit as soon as the
 * application printed its first line, one after serve's {@code warm} event (or 30 s after {@code
 * ready} when no such event comes), then the steady edits.
 *
 * <p>Run from the repository root after {@code mvn -q install -DskipTests}:
 *
 * <pre>
 * java -Dmaven.repo.local=REPO bench/PatchCost.java [--out FILE] [--edits 20] [--keep] [--kinds body,structural,signature] [WORKSPACE ...]
 * java -Dmaven.repo.local=REPO bench/PatchCost.java soak [N=1000] [WORKSPACE=lib2000] [--out FILE] [--check]
 * java bench/PatchCost.java generate WORKSPACE FOLDER     # only writes the workspace
 * </pre>
 *
 * Raw results go to {@code --out} (default {@code target/patch-cost.jsonl}, {@code
 * target/patch-soak.jsonl} for the soak), one JSON object per line. Every wait has a deadline, and
 * everything this program starts is killed when it ends, also on failure.
 */
public final class PatchCost {
  static final String HOTPATCH_VERSION = "0.1.0-SNAPSHOT";
  static final List<String> ALL_WORKSPACES = List.of("lib100", "lib500", "lib2000", "chain30");
  static final List<String> KINDS = List.of("body", "structural", "signature");

  /** A generous bound for one edit to show, even the first one on the largest workspace. */
  static final long EDIT_TIMEOUT_SECONDS = 180;
  /** serve's start: Maven's process-classes of the whole reactor, then the application. */
  static final long START_TIMEOUT_SECONDS = 900;
  /** How long after {@code ready} to wait for the {@code warm} event (the brief's rule). */
  static final long WARM_WAIT_SECONDS = 30;
  /** The application ends by itself after this, should serve outlive this program. */
  static final long APP_LIFETIME_SECONDS = 4 * 3600;

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("generate")) {
      // Only the workspace, to try serve on by hand: generate WORKSPACE FOLDER
      Generator.generate(WorkspaceSpec.of(args[1]), Path.of(args[2]));
      return;
    }
    Options options = Options.parse(args);
    Processes.installSafetyNets(options.maxMinutes());
    int code;
    try {
      code = options.soak() ? Soak.run(options) : CostRun.run(options);
    } finally {
      Processes.killAll();
    }
    System.exit(code);
  }

  // ---------------------------------------------------------------------------------------------
  // Command line

  record Options(
      boolean soak,
      List<String> workspaces,
      int edits,
      int soakPatches,
      Path out,
      boolean keep,
      long maxMinutes,
      boolean check,
      List<String> kinds) {

    static Options parse(String[] args) {
      List<String> rest = new ArrayList<>(List.of(args));
      boolean soak = !rest.isEmpty() && rest.get(0).equals("soak");
      if (soak) {
        rest.remove(0);
      }
      Path out = Path.of(soak ? "target/patch-soak.jsonl" : "target/patch-cost.jsonl");
      int edits = 20;
      boolean keep = false;
      long maxMinutes = 240;
      boolean check = false;
      List<String> kinds = KINDS;
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < rest.size(); i++) {
        String arg = rest.get(i);
        switch (arg) {
          case "--out" -> out = Path.of(rest.get(++i));
          case "--edits" -> edits = Integer.parseInt(rest.get(++i));
          case "--keep" -> keep = true;
          case "--max-minutes" -> maxMinutes = Long.parseLong(rest.get(++i));
          case "--check" -> check = true;
          case "--kinds" -> kinds = List.of(rest.get(++i).split(","));
          default -> positional.add(arg);
        }
      }
      if (soak) {
        int patches = positional.isEmpty() ? 1000 : Integer.parseInt(positional.get(0));
        String workspace = positional.size() > 1 ? positional.get(1) : "lib2000";
        return new Options(
            true, List.of(workspace), edits, patches, out, keep, maxMinutes, check, kinds);
      }
      List<String> workspaces = positional.isEmpty() ? ALL_WORKSPACES : positional;
      for (String name : workspaces) {
        WorkspaceSpec.of(name); // fails early on a typo
      }
      if (!KINDS.containsAll(kinds)) {
        throw new IllegalArgumentException("Unknown kind in --kinds " + kinds + "; use of " + KINDS);
      }
      return new Options(false, workspaces, edits, 0, out, keep, maxMinutes, check, kinds);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The cost run: per workspace, one serve session per kind of edit

  static final class CostRun {
    static int run(Options options) throws Exception {
      Path temp = Files.createTempDirectory("hotpatch-patch-cost");
      Results results = Results.open(options.out());
      System.out.println("workspaces in " + temp + "; raw results to " + options.out());
      System.out.println("commit " + Env.commit() + ", " + Env.uptime());
      boolean allGood = true;
      try {
        for (String name : options.workspaces()) {
          allGood &= runWorkspace(WorkspaceSpec.of(name), temp, options, results);
        }
      } finally {
        results.close();
        if (!options.keep()) {
          Files.deleteIfExists(temp); // only when empty; workspaces are deleted one by one
        }
      }
      System.out.println();
      System.out.println("done, " + Env.uptime());
      return allGood ? 0 : 1;
    }

    private static boolean runWorkspace(
        WorkspaceSpec spec, Path temp, Options options, Results results) throws Exception {
      Path root = temp.resolve(spec.name());
      List<EditResult> done = new ArrayList<>();
      boolean ok = true;
      try {
        Generator.generate(spec, root);
        String failure = Maven.build(root);
        if (failure != null) {
          results.write(Results.failure(spec, "build", failure));
          System.out.println(spec.name() + ": the build failed: " + failure);
          return false;
        }
        for (String kind : options.kinds()) {
          ok &= runKind(spec, root, kind, options, results, done);
        }
      } finally {
        Table.print(spec, done, options.edits());
        if (!options.keep()) {
          Files2.deleteRecursively(root);
        }
      }
      return ok;
    }

    /** One serve session: first edit, after-warm edit, steady edits of one kind. */
    private static boolean runKind(
        WorkspaceSpec spec,
        Path root,
        String kind,
        Options options,
        Results results,
        List<EditResult> done)
        throws Exception {
      Editor editor = new Editor(spec, root);
      editor.reset(); // every session starts from the generated code, built
      String stale = Maven.compile(root);
      if (stale != null) {
        System.out.println("   " + stale);
        return false;
      }
      String label = spec.name() + "-" + kind;
      System.out.println();
      System.out.println("== " + label + " (" + Env.uptime() + ")");
      try (ServeSession serve = ServeSession.start(root, label)) {
        serve.awaitStart();
        results.write(serve.sessionRecord(spec, kind));
        List<EditResult> session = new ArrayList<>();
        session.add(editor.edit(serve, kind, "first", 0));
        boolean warm = serve.awaitWarm();
        session.add(editor.edit(serve, kind, "after-warm", 0).withWarm(warm));
        for (int i = 1; i <= options.edits(); i++) {
          EditResult result = editor.edit(serve, kind, "steady", i);
          session.add(result);
          if (consecutiveFailures(session) >= 3) {
            System.out.println("   three edits in a row did not show: giving up on " + label);
            break;
          }
        }
        for (EditResult result : session) {
          results.write(result.toJson(spec, warm));
        }
        done.addAll(session);
        return session.stream().allMatch(EditResult::shown);
      } catch (SessionFailed e) {
        System.out.println("   " + label + " failed: " + e.getMessage());
        results.write(Results.failure(spec, kind, e.getMessage()));
        return false;
      }
    }

    private static int consecutiveFailures(List<EditResult> results) {
      int n = 0;
      for (int i = results.size() - 1; i >= 0 && !results.get(i).shown(); i--) {
        n++;
      }
      return n;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The soak: many patches in one session, with leak indicators along the way

  static final class Soak {
    /** The last sample waits this long after the last patch, past serve's 5 s to give memory back. */
    private static final long IDLE_SAMPLE_SECONDS = 10;

    static int run(Options options) throws Exception {
      WorkspaceSpec spec = WorkspaceSpec.of(options.workspaces().get(0));
      int patches = options.soakPatches();
      Path temp = Files.createTempDirectory("hotpatch-soak");
      Path root = temp.resolve(spec.name());
      Results results = Results.open(options.out());
      System.out.println("soak of " + patches + " patches on " + spec.name() + " in " + root
          + "; raw results to " + options.out());
      System.out.println("commit " + Env.commit() + ", " + Env.uptime());
      List<Sample> samples = new ArrayList<>();
      List<EditResult> edits = new ArrayList<>();
      BareSample bare = null;
      try {
        Generator.generate(spec, root);
        String failure = Maven.build(root);
        if (failure != null) {
          results.write(Results.failure(spec, "build", failure));
          System.out.println("the build failed: " + failure);
          return 1;
        }
        bare = BareSample.take(spec, root);
        results.write(bare.toJson(spec));
        Editor editor = new Editor(spec, root);
        editor.reset();
        try (ServeSession serve = ServeSession.start(root, spec.name() + "-soak")) {
          serve.awaitStart();
          results.write(serve.sessionRecord(spec, "soak"));
          boolean warm = serve.awaitWarm();
          samples.add(Sample.take(serve, root, 0));
          results.write(samples.get(0).toJson(spec));
          for (int i = 1; i <= patches; i++) {
            // Odd: a new method (new loaders); even: a body edit of it (in place).
            String kind = i % 2 == 1 ? "structural" : "body";
            EditResult result = editor.edit(serve, kind, "soak", i);
            edits.add(result);
            results.write(result.toJson(spec, warm));
            if (i == 1 || i == 100 || i % 500 == 0 || i == patches) {
              Sample sample = Sample.take(serve, root, i);
              samples.add(sample);
              results.write(sample.toJson(spec));
            }
            if (lastFailures(edits) >= 3) {
              System.out.println("three patches in a row did not show: the soak stops at " + i);
              break;
            }
          }
          Sample idle = Sample.take(serve, root, edits.size(), IDLE_SAMPLE_SECONDS);
          samples.add(idle);
          results.write(idle.toJson(spec));
        }
      } catch (SessionFailed e) {
        System.out.println("the soak failed: " + e.getMessage());
        results.write(Results.failure(spec, "soak", e.getMessage()));
      } finally {
        results.close();
        if (!options.keep()) {
          Files2.deleteRecursively(temp);
        }
      }
      boolean allApplied = Table.printSoak(spec, edits, samples, patches, bare);
      if (!options.check()) {
        return allApplied ? 0 : 1;
      }
      List<String> leaks = leaks(samples, patches);
      leaks.forEach(leak -> System.out.println("LEAK: " + leak));
      System.out.println(allApplied && leaks.isEmpty()
          ? "soak check passed: every patch applied, nothing grew past its bound"
          : "soak check FAILED");
      return allApplied && leaks.isEmpty() ? 0 : 1;
    }

    /**
     * What grew past its bound between the sample after patch 1 (javac, the runtime and the first
     * new loaders are in place by then) and the last one; the module loaders alive are checked at
     * every sample after the first patch: the first versions (main is on their stack) and the last
     * few, never one per patch.
     */
    static List<String> leaks(List<Sample> samples, int patches) {
      List<String> leaks = new ArrayList<>();
      Sample first = samples.stream().filter(s -> s.patches() >= 1).findFirst().orElse(null);
      Sample last = samples.get(samples.size() - 1);
      if (first == null || last.patches() != patches) {
        leaks.add("no sample after patch 1 and after patch " + patches);
        return leaks;
      }
      bound(leaks, "application heap after GC (KB)", first.appHeapUsedKb(), last.appHeapUsedKb(), 16 * 1024);
      bound(leaks, "application metaspace (KB)", first.appMetaspaceUsedKb(), last.appMetaspaceUsedKb(), 16 * 1024);
      bound(leaks, "application threads", first.appThreads(), last.appThreads(), 2);
      bound(leaks, "application open files", first.appOpenFiles(), last.appOpenFiles(), 4);
      bound(leaks, "serve heap after GC (KB)", first.serveHeapUsedKb(), last.serveHeapUsedKb(), 48 * 1024);
      for (Sample s : samples) {
        if (s.patches() >= 1 && s.moduleLoadersInHistogram() > 8) {
          leaks.add(s.moduleLoadersInHistogram() + " module loaders alive after patch " + s.patches()
              + " (at most 8: the first versions and the last few)");
        }
      }
      return leaks;
    }

    private static void bound(List<String> leaks, String what, long first, long last, long allowed) {
      if (last - first > allowed) {
        leaks.add(what + " grew from " + first + " to " + last + " (allowed: +" + allowed + ")");
      }
    }

    private static int lastFailures(List<EditResult> edits) {
      int n = 0;
      for (int i = edits.size() - 1; i >= 0 && !edits.get(i).applied(); i--) {
        n++;
      }
      return n;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Workspaces and the code generator

  /** One library module: its artifactId, number of types, and the module it depends on. */
  record ModuleSpec(String name, int types, String below) {
    String pkg(int index) {
      return "bench." + name + ".p" + (index * 10 / types);
    }

    String fqcn(int index) {
      return pkg(index) + "." + simpleName(index);
    }

    /** One type in 20 is an interface, implemented by the 19 classes before it. */
    static boolean isInterface(int index) {
      return index % 20 == 19;
    }

    static String simpleName(int index) {
      return (isInterface(index) ? "I" : "C") + String.format("%04d", index);
    }

    /** The highest-numbered class: where the application's probe starts. */
    int topClass() {
      return isInterface(types - 1) ? types - 2 : types - 1;
    }
  }

  record WorkspaceSpec(String name, List<ModuleSpec> libraries) {
    static WorkspaceSpec of(String name) {
      return switch (name) {
        case "lib100" -> single(name, 100);
        case "lib500" -> single(name, 500);
        case "lib2000" -> single(name, 2000);
        case "chain30" -> chain(name, 30, 100);
        default -> throw new IllegalArgumentException(
            "Unknown workspace " + name + "; use one of " + ALL_WORKSPACES);
      };
    }

    private static WorkspaceSpec single(String name, int types) {
      return new WorkspaceSpec(name, List.of(new ModuleSpec("lib", types, null)));
    }

    private static WorkspaceSpec chain(String name, int modules, int types) {
      List<ModuleSpec> libraries = new ArrayList<>();
      for (int i = 0; i < modules; i++) {
        libraries.add(
            new ModuleSpec(String.format("m%02d", i), types, i == 0 ? null : String.format("m%02d", i - 1)));
      }
      return new WorkspaceSpec(name, libraries);
    }

    ModuleSpec bottom() {
      return libraries.get(0);
    }

    ModuleSpec top() {
      return libraries.get(libraries.size() - 1);
    }

    ModuleSpec module(String name) {
      return libraries.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    int types() {
      return libraries.stream().mapToInt(ModuleSpec::types).sum();
    }
  }

  /** The part of the bottom module's {@code C0000} that edits rewrite. */
  record Label(String paramType, String extraMethod, String mark) {
    static final String BEGIN = "  // bench:edit:begin\n";
    static final String END = "  // bench:edit:end\n";

    static Label initial() {
      return new Label("int", null, "<v0>");
    }

    String source() {
      String value = "\"" + mark + "\" + (n > 1000 ? \"+\" : \"\")";
      StringBuilder out = new StringBuilder(BEGIN);
      out.append("  public String label(").append(paramType).append(" n) {\n");
      if (extraMethod == null) {
        out.append("    return ").append(value).append(";\n  }\n");
      } else {
        out.append("    return ").append(extraMethod).append("(n);\n  }\n\n");
        out.append("  private String ").append(extraMethod).append("(").append(paramType)
            .append(" n) {\n    return ").append(value).append(";\n  }\n");
      }
      return out.append(END).toString();
    }
  }

  static final class Generator {
    static void generate(WorkspaceSpec spec, Path root) throws IOException {
      Files2.deleteRecursively(root);
      write(root.resolve("pom.xml"), rootPom(spec));
      for (ModuleSpec module : spec.libraries()) {
        Path dir = root.resolve(module.name());
        write(dir.resolve("pom.xml"), modulePom(spec, module.name(), module.below()));
        for (int i = 0; i < module.types(); i++) {
          Path file = dir.resolve("src/main/java")
              .resolve(module.fqcn(i).replace('.', '/') + ".java");
          write(file, ModuleSpec.isInterface(i)
              ? interfaceSource(module, i)
              : classSource(spec, module, i));
        }
      }
      Path app = root.resolve("app");
      write(app.resolve("pom.xml"), modulePom(spec, "app", spec.top().name()));
      write(app.resolve("src/main/java/bench/app/Main.java"), mainSource());
      write(app.resolve("src/main/java/bench/app/Probe.java"), probeSource(spec));
    }

    private static void write(Path file, String text) throws IOException {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    }

    static String rootPom(WorkspaceSpec spec) {
      String modules = Stream.concat(spec.libraries().stream().map(ModuleSpec::name), Stream.of("app"))
          .map(m -> "    <module>" + m + "</module>")
          .collect(Collectors.joining("\n"));
      return """
          <?xml version="1.0" encoding="UTF-8"?>
          <project xmlns="http://maven.apache.org/POM/4.0.0"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
            <modelVersion>4.0.0</modelVersion>
            <!-- Generated by bench/PatchCost.java. -->
            <groupId>bench</groupId>
            <artifactId>%s</artifactId>
            <version>1.0-SNAPSHOT</version>
            <packaging>pom</packaging>
            <modules>
          %s
            </modules>
            <properties>
              <maven.compiler.release>17</maven.compiler.release>
              <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            </properties>
            <dependencies>
              <dependency>
                <groupId>dev.hotpatch</groupId>
                <artifactId>hotpatch-api</artifactId>
                <version>%s</version>
              </dependency>
            </dependencies>
            <build>
              <pluginManagement>
                <plugins>
                  <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                  <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                  <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                  <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.3</version></plugin>
                  <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                </plugins>
              </pluginManagement>
              <plugins>
                <plugin>
                  <groupId>dev.hotpatch</groupId>
                  <artifactId>hotpatch-maven-plugin</artifactId>
                  <version>%s</version>
                  <configuration>
                    <mainClass>bench.app.Main</mainClass>
                  </configuration>
                </plugin>
              </plugins>
            </build>
          </project>
          """.formatted(spec.name(), modules, HOTPATCH_VERSION, HOTPATCH_VERSION);
    }

    static String modulePom(WorkspaceSpec spec, String name, String dependency) {
      String dependencies = dependency == null ? "" : """
            <dependencies>
              <dependency>
                <groupId>bench</groupId>
                <artifactId>%s</artifactId>
                <version>1.0-SNAPSHOT</version>
              </dependency>
            </dependencies>
          """.formatted(dependency);
      return """
          <?xml version="1.0" encoding="UTF-8"?>
          <project xmlns="http://maven.apache.org/POM/4.0.0"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
            <modelVersion>4.0.0</modelVersion>
            <parent>
              <groupId>bench</groupId>
              <artifactId>%s</artifactId>
              <version>1.0-SNAPSHOT</version>
            </parent>
            <artifactId>%s</artifactId>
          %s</project>
          """.formatted(spec.name(), name, dependencies);
    }

    static String interfaceSource(ModuleSpec module, int index) {
      String name = ModuleSpec.simpleName(index);
      return """
          package %s;

          /** Generated: the interface of classes %d to %d of module %s. */
          public interface %s {
            int weight(int x);

            String name();

            default String title() {
              return "%s:" + name();
            }
          }
          """.formatted(module.pkg(index), index - 19, index - 1, module.name(), name, name);
    }

    /**
     * A class with state, a few methods, a call into its neighbour below (bounded depth), a lambda
     * in every third class, and in modules above the bottom a call into the module below.
     */
    static String classSource(WorkspaceSpec spec, ModuleSpec module, int index) {
      String name = ModuleSpec.simpleName(index);
      boolean lambda = index % 3 == 0;
      StringBuilder out = new StringBuilder();
      out.append("package ").append(module.pkg(index)).append(";\n\n");
      out.append("import java.util.ArrayList;\nimport java.util.List;\n");
      if (lambda) {
        out.append("import java.util.function.IntUnaryOperator;\n");
      }
      out.append("\n/** Generated: class ").append(index).append(" of ").append(module.types())
          .append(" in module ").append(module.name()).append(". */\n");
      out.append("public class ").append(name).append(" implements ")
          .append(module.fqcn(index / 20 * 20 + 19)).append(" {\n");
      out.append("""
            static final String NAME = "%s";

            private final int seed;
            private final List<String> tags = new ArrayList<>();
            private long calls;

            public %s(int seed) {
              this.seed = seed;
              tags.add(NAME + "#" + seed);
            }

            @Override
            public int weight(int x) {
              calls++;
              int w = seed * 31 + x + NAME.length();
          """.formatted(name, name));
      if (index > 0) {
        int neighbour = ModuleSpec.isInterface(index - 1) ? index - 2 : index - 1;
        out.append("    if (x > 0) {\n      w += new ").append(module.fqcn(neighbour))
            .append("(seed + 1).weight(x - 1);\n    }\n");
      }
      out.append("    return w;\n  }\n\n");
      out.append("""
            @Override
            public String name() {
              return NAME;
            }

            public List<String> tags() {
              return tags;
            }

          """);
      if (lambda) {
        out.append("""
              public int scaled(int factor) {
                IntUnaryOperator op = v -> v * factor + seed;
                return op.applyAsInt(weight(1));
              }

            """);
      } else {
        out.append("""
              public int scaled(int factor) {
                int sum = 0;
                for (int i = 0; i < factor; i++) {
                  sum += weight(1) ^ i;
                }
                return sum;
              }

            """);
      }
      out.append("""
            public String describe() {
              StringBuilder out = new StringBuilder(NAME).append('[');
              for (String tag : tags) {
                out.append(tag).append(',');
              }
              return out.append(calls).append(']').toString();
            }
          """);
      if (module.below() != null) {
        ModuleSpec below = spec.module(module.below());
        int other = Math.min(index, below.topClass()); // same layout below: a class there too
        out.append("\n  public int below(int x) {\n    return new ").append(below.fqcn(other))
            .append("(seed).weight(x) + weight(0);\n  }\n");
      }
      if (index == 0) {
        out.append("\n");
        if (module.below() == null) {
          out.append(Label.initial().source()); // the class every edit rewrites
        } else {
          out.append("  public String label(int n) {\n    return new ")
              .append(spec.module(module.below()).fqcn(0)).append("(seed).label(n);\n  }\n");
        }
      }
      if (index == 1) {
        // A caller of label in the same module, which a signature change must recompile.
        out.append("\n  public String labelled() {\n    return new ").append(module.fqcn(0))
            .append("(seed).label(1) + NAME;\n  }\n");
      }
      return out.append("}\n").toString();
    }

    static String mainSource() {
      return """
          package bench.app;

          import dev.hotpatch.Hot;

          /**
           * Ticks every 5 ms through Hot.call, so every tick runs the newest code of every module.
           * Ends by itself after the number of seconds given as its argument.
           */
          public final class Main {
            private Main() {}

            public static void main(String[] args) throws InterruptedException {
              long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3600;
              long end = System.nanoTime() + seconds * 1_000_000_000L;
              while (System.nanoTime() < end) {
                Hot.call(() -> System.out.println("tick " + Probe.describe()));
                Thread.sleep(5);
              }
            }
          }
          """;
    }

    static String probeSource(WorkspaceSpec spec) {
      ModuleSpec top = spec.top();
      String work = top.below() == null
          ? "new " + top.fqcn(top.topClass()) + "(2).weight(4)"
          : "new " + top.fqcn(top.topClass()) + "(2).below(4)";
      return """
          package bench.app;

          /** The path from the application's tick to the bottom module's C0000.label. */
          final class Probe {
            private Probe() {}

            static String describe() {
              return new %s(1).label(3) + " w=" + %s + " " + new %s(5).labelled().length();
            }
          }
          """.formatted(top.fqcn(0), work, top.fqcn(1));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Edits and their measurement

  /** Rewrites the bottom module's {@code C0000} and times each edit until the new code shows. */
  static final class Editor {
    private final Path file;
    private Label current = Label.initial();
    private int sequence;

    Editor(WorkspaceSpec spec, Path root) {
      ModuleSpec bottom = spec.bottom();
      this.file = root.resolve(bottom.name()).resolve("src/main/java")
          .resolve(bottom.fqcn(0).replace('.', '/') + ".java");
    }

    void reset() throws IOException {
      current = Label.initial();
      write(current);
    }

    Label next(String kind) {
      String mark = "<" + kind.charAt(0) + (++sequence) + ">";
      return switch (kind) {
        case "body" -> new Label(current.paramType(), current.extraMethod(), mark);
        case "structural" -> new Label(current.paramType(), "extra" + sequence, mark);
        case "signature" -> new Label(
            current.paramType().equals("int") ? "long" : "int", current.extraMethod(), mark);
        default -> throw new IllegalArgumentException(kind);
      };
    }

    EditResult edit(ServeSession serve, String kind, String phase, int index) throws Exception {
      Label next = next(kind);
      int eventsBefore = serve.events().size();
      CompletableFuture<Long> shown = serve.output().expect(line -> line.contains(next.mark()));
      long start = System.nanoTime();
      write(next);
      current = next;
      Long seenAt = null;
      String error = null;
      try {
        seenAt = shown.get(EDIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        error = "the new code did not show within " + EDIT_TIMEOUT_SECONDS + " s";
      }
      // The ack (patch-applied) may come after the application already printed the new line.
      serve.events().await(Events::isPatchOutcome, eventsBefore, 30);
      Thread.sleep(300); // a quiet gap, so that the next edit is a burst of its own
      List<Event> events = serve.events().since(eventsBefore);
      Long millis = seenAt == null ? null : TimeUnit.NANOSECONDS.toMillis(seenAt - start);
      if (error != null) {
        error += "; serve said: " + serve.output().recentServeLines();
      }
      EditResult result = new EditResult(kind, phase, index, millis, events, error, Env.load1(), false);
      System.out.println("   " + result.oneLine());
      return result;
    }

    private void write(Label label) throws IOException {
      String text = Files.readString(file);
      int from = text.indexOf(Label.BEGIN);
      int to = text.indexOf(Label.END) + Label.END.length();
      Files.writeString(file, text.substring(0, from) + label.source() + text.substring(to));
    }
  }

  record EditResult(
      String kind,
      String phase,
      int index,
      Long millis,
      List<Event> events,
      String error,
      double load1,
      boolean warm) {

    EditResult withWarm(boolean warm) {
      return new EditResult(kind, phase, index, millis, events, error, load1, warm);
    }

    boolean shown() {
      return millis != null;
    }

    /** Shown, through an applied patch and nothing else. */
    boolean applied() {
      return shown() && outcome().equals("applied");
    }

    List<Event> patchEvents() {
      return events.stream().filter(Events::isPatchOutcome).toList();
    }

    /** restart wins over rejected over compile-error over applied: the worst thing that happened. */
    String outcome() {
      List<String> names = patchEvents().stream().map(Event::name).toList();
      for (String worst : List.of("restart", "patch-rejected", "compile-error", "patch-applied")) {
        if (names.contains(worst)) {
          return worst.equals("patch-applied") ? "applied" : worst;
        }
      }
      return "none";
    }

    /** The split of the last applied patch (usually the only one). */
    Map<String, Object> split() {
      List<Event> applied = events.stream().filter(e -> e.name().equals("patch-applied")).toList();
      if (applied.isEmpty()) {
        return Map.of();
      }
      Object millis = applied.get(applied.size() - 1).fields().get("millis");
      return millis instanceof Map<?, ?> map ? Json.cast(map) : Map.of();
    }

    long splitOf(String stage) {
      Object value = split().get(stage);
      return value instanceof Number n ? n.longValue() : -1;
    }

    /** {@code lib:new-loader app:new-loader}, or for a long cascade a count by strategy. */
    String strategies() {
      List<Event> applied = events.stream().filter(e -> e.name().equals("patch-applied")).toList();
      if (applied.isEmpty()) {
        return "";
      }
      Object modules = applied.get(applied.size() - 1).fields().get("modules");
      if (!(modules instanceof List<?> list)) {
        return "";
      }
      Map<String, Integer> byStrategy = new LinkedHashMap<>();
      List<String> each = new ArrayList<>();
      for (Object m : list) {
        Map<String, Object> module = Json.cast((Map<?, ?>) m);
        String strategy = String.valueOf(module.get("strategy"));
        byStrategy.merge(strategy, 1, Integer::sum);
        each.add(module.get("name") + ":" + strategy);
      }
      if (each.size() <= 3) {
        return String.join(" ", each);
      }
      return byStrategy.entrySet().stream()
          .map(e -> e.getValue() + "x" + e.getKey())
          .collect(Collectors.joining(" "));
    }

    String oneLine() {
      String split = split().isEmpty()
          ? ""
          : String.format(" serve: detect %d, compile %d, diff %d, load %d, total %d",
              splitOf("detect"), splitOf("compile"), splitOf("diff"), splitOf("load"), splitOf("total"));
      String patches = patchEvents().size() > 1 ? " (" + patchEvents().size() + " patch events)" : "";
      return String.format("%-10s %-10s %3d: %s %s %s%s%s%s", kind, phase, index,
          millis == null ? "-" : millis + " ms", outcome(), strategies(), split, patches,
          error == null ? "" : "  ERROR " + error);
    }

    String toJson(WorkspaceSpec spec, boolean warmEvent) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("record", "edit");
      out.put("workspace", spec.name());
      out.put("types", spec.types());
      out.put("modules", spec.libraries().size() + 1);
      out.put("kind", kind);
      out.put("phase", phase);
      out.put("index", index);
      out.put("millis", millis);
      out.put("outcome", outcome());
      out.put("serve", split());
      out.put("strategies", strategies());
      out.put("patchEvents", patchEvents().size());
      List<Object> reasons = patchEvents().stream()
          .map(e -> e.fields().get("reason"))
          .filter(r -> r != null)
          .toList();
      if (!reasons.isEmpty()) {
        out.put("reasons", reasons);
      }
      out.put("warmEvent", warmEvent);
      out.put("load1", load1);
      out.put("commit", Env.commit());
      out.put("time", Instant.now().toString());
      if (error != null) {
        out.put("error", error);
      }
      return Json.write(out);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A serve session: the mvn process, its output and its events file

  static final class SessionFailed extends Exception {
    SessionFailed(String message) {
      super(message);
    }
  }

  static final class ServeSession implements AutoCloseable {
    private final Path root;
    private final Process process;
    private final OutputPump output;
    private final Events events;
    private final long startNanos;
    private long firstLineMillis = -1;
    private long readySeenNanos;

    private ServeSession(Path root, Process process, OutputPump output, Events events, long start) {
      this.root = root;
      this.process = process;
      this.output = output;
      this.events = events;
      this.startNanos = start;
    }

    static ServeSession start(Path root, String label) throws IOException {
      Path eventsFile = root.resolve("target/events-" + label + ".jsonl");
      Files.createDirectories(eventsFile.getParent());
      Files.deleteIfExists(eventsFile);
      List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o", "hotpatch:serve"));
      command.add("-Dhotpatch.events=" + eventsFile);
      command.add("-Dhotpatch.args=" + APP_LIFETIME_SECONDS);
      command.addAll(Maven.passOn());
      long start = System.nanoTime();
      Process process = Processes.start(
          new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true));
      OutputPump output = OutputPump.start(process, root.resolve("target/serve-" + label + ".log"));
      return new ServeSession(root, process, output, new Events(eventsFile), start);
    }

    Events events() {
      return events;
    }

    OutputPump output() {
      return output;
    }

    /** serve's JVM: {@code mvn} execs java, so the process we started is serve itself. */
    long servePid() {
      return process.pid();
    }

    /** The application's pid, from the newest {@code ready} event. */
    long appPid() {
      List<Event> ready = events.since(0).stream().filter(e -> e.name().equals("ready")).toList();
      return ((Number) ready.get(ready.size() - 1).fields().get("pid")).longValue();
    }

    /** Waits for the application's first tick line and serve's {@code ready} event. */
    void awaitStart() throws Exception {
      CompletableFuture<Long> first = output.expect(line -> line.startsWith("tick "));
      try {
        long seen = first.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        firstLineMillis = TimeUnit.NANOSECONDS.toMillis(seen - startNanos);
      } catch (TimeoutException e) {
        throw new SessionFailed("no application output within " + START_TIMEOUT_SECONDS
            + " s; serve said: " + output.recentServeLines());
      }
      Event ready = events.await(e -> e.name().equals("ready"), 0, 60);
      if (ready == null) {
        throw new SessionFailed("no ready event; serve said: " + output.recentServeLines());
      }
      readySeenNanos = ready.seenNanos();
      System.out.println("   first tick " + firstLineMillis + " ms after mvn started; app pid "
          + appPid() + ", serve pid " + servePid());
    }

    /** Waits for the {@code warm} event until 30 s after {@code ready}; says whether it came. */
    boolean awaitWarm() throws InterruptedException {
      long left = readySeenNanos + TimeUnit.SECONDS.toNanos(WARM_WAIT_SECONDS) - System.nanoTime();
      long seconds = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(left));
      Event warm = events.await(e -> e.name().equals("warm"), 0, seconds);
      if (warm == null) {
        // Wait out the rest of the 30 s even when the await ended early on a full second.
        long rest = readySeenNanos + TimeUnit.SECONDS.toNanos(WARM_WAIT_SECONDS) - System.nanoTime();
        if (rest > 0) {
          Thread.sleep(TimeUnit.NANOSECONDS.toMillis(rest));
        }
        System.out.println("   no warm event within " + WARM_WAIT_SECONDS + " s after ready");
        return false;
      }
      System.out.println("   warm event after " + TimeUnit.NANOSECONDS.toMillis(warm.seenNanos() - readySeenNanos)
          + " ms after ready");
      return true;
    }

    String sessionRecord(WorkspaceSpec spec, String kind) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("record", "session");
      out.put("workspace", spec.name());
      out.put("kind", kind);
      out.put("firstTickMillis", firstLineMillis);
      Event ready = events.since(0).stream().filter(e -> e.name().equals("ready")).findFirst().orElse(null);
      out.put("readyStartMillis", ready == null ? null : ready.fields().get("startMillis"));
      out.put("load1", Env.load1());
      out.put("commit", Env.commit());
      out.put("time", Instant.now().toString());
      return Json.write(out);
    }

    /** SIGTERM: serve stops the application and exits 0; then force whatever is left. */
    @Override
    public void close() throws InterruptedException {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        System.out.println("   serve did not stop within 30 s of SIGTERM: killing it");
      }
      Processes.kill(process.toHandle());
      children.forEach(Processes::kill);
    }
  }

  /**
   * Reads serve's output line by line. Tick lines (200 a second) are only matched against the
   * expectation and sampled into the log; serve's own lines are kept for error messages.
   */
  static final class OutputPump {
    private volatile Predicate<String> wanted;
    private volatile CompletableFuture<Long> seen;
    private final Deque<String> recent = new ArrayDeque<>();

    static OutputPump start(Process process, Path log) {
      OutputPump pump = new OutputPump();
      Thread reader = new Thread(() -> pump.read(process, log), "serve-output");
      reader.setDaemon(true);
      reader.start();
      return pump;
    }

    /** Arms the expectation before the edit is written, so no line can slip by. */
    CompletableFuture<Long> expect(Predicate<String> line) {
      CompletableFuture<Long> future = new CompletableFuture<>();
      seen = future;
      wanted = line;
      return future;
    }

    synchronized String recentServeLines() {
      return String.join(" | ", recent);
    }

    private void read(Process process, Path log) {
      long ticks = 0;
      try (BufferedReader in = new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
        for (String line; (line = in.readLine()) != null; ) {
          long now = System.nanoTime();
          Predicate<String> test = wanted;
          if (test != null && test.test(line)) {
            wanted = null;
            seen.complete(now);
          }
          boolean tick = line.startsWith("tick ");
          if (!tick || ticks++ % 1000 == 0) {
            out.write(line);
            out.write('\n');
            out.flush();
          }
          if (!tick) {
            remember(line);
          }
        }
      } catch (IOException ignored) {
        // serve ended
      }
    }

    private synchronized void remember(String line) {
      recent.addLast(line.length() > 400 ? line.substring(0, 400) + "..." : line);
      while (recent.size() > 8) {
        recent.removeFirst();
      }
    }
  }

  record Event(long seenNanos, Map<String, Object> fields) {
    String name() {
      return String.valueOf(fields.get("event"));
    }
  }

  /** Tails serve's events file: complete lines only, each parsed once and kept in order. */
  static final class Events {
    private final Path file;
    private final List<Event> seen = new CopyOnWriteArrayList<>();
    private long offset;

    Events(Path file) {
      this.file = file;
    }

    static boolean isPatchOutcome(Event e) {
      return List.of("patch-applied", "patch-rejected", "restart", "compile-error").contains(e.name());
    }

    synchronized int size() {
      poll();
      return seen.size();
    }

    synchronized List<Event> since(int index) {
      poll();
      return List.copyOf(seen.subList(index, seen.size()));
    }

    /** The first event from {@code index} on that matches, or null after {@code seconds}. */
    Event await(Predicate<Event> wanted, int index, long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (true) {
        for (Event e : since(index)) {
          if (wanted.test(e)) {
            return e;
          }
        }
        if (System.nanoTime() > deadline) {
          return null;
        }
        Thread.sleep(20);
      }
    }

    private void poll() {
      if (!Files.exists(file)) {
        return;
      }
      try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
        if (in.length() <= offset) {
          return;
        }
        byte[] bytes = new byte[(int) (in.length() - offset)];
        in.seek(offset);
        in.readFully(bytes);
        int end = lastNewline(bytes);
        if (end < 0) {
          return;
        }
        offset += end + 1;
        long now = System.nanoTime();
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            seen.add(new Event(now, Json.cast((Map<?, ?>) Json.parse(line))));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static int lastNewline(byte[] bytes) {
      for (int i = bytes.length - 1; i >= 0; i--) {
        if (bytes[i] == '\n') {
          return i;
        }
      }
      return -1;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Soak samples: leak indicators of the application and of serve

  /**
   * The same application without hotpatch: plain {@code java} on the modules' classes and
   * hotpatch-api, sampled after it ran for as long as the soak waits before its first sample.
   */
  record BareSample(long pid, long heapUsedKb, long metaspaceUsedKb, long rssKb, int threads) {
    static final long SECONDS = 30;

    static BareSample take(WorkspaceSpec spec, Path root) throws Exception {
      List<String> classpath = new ArrayList<>();
      for (ModuleSpec module : spec.libraries()) {
        classpath.add(root.resolve(module.name()).resolve("target/classes").toString());
      }
      classpath.add(root.resolve("app/target/classes").toString());
      classpath.add(Maven.localRepository()
          .resolve("dev/hotpatch/hotpatch-api/0.1.0-SNAPSHOT/hotpatch-api-0.1.0-SNAPSHOT.jar").toString());
      Process app = Processes.start(new ProcessBuilder("java", "-cp",
              String.join(java.io.File.pathSeparator, classpath), "bench.app.Main", "600")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS));
        if (!app.isAlive()) {
          throw new IllegalStateException("the bare application exited with " + app.exitValue());
        }
        long rss = Proc.status(app.pid(), "VmRSS");
        int threads = (int) Proc.status(app.pid(), "Threads");
        Jcmd.run(app.pid(), "GC.run");
        HeapInfo heap = HeapInfo.parse(Jcmd.run(app.pid(), "GC.heap_info"));
        BareSample sample = new BareSample(app.pid(), heap.usedKb(), heap.metaspaceUsedKb(), rss, threads);
        System.out.println("   the bare application after " + SECONDS + " s: " + sample);
        return sample;
      } finally {
        Processes.kill(app.toHandle());
      }
    }

    String toJson(WorkspaceSpec spec) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("record", "bare-sample");
      out.put("workspace", spec.name());
      out.put("heapUsedKb", heapUsedKb);
      out.put("metaspaceUsedKb", metaspaceUsedKb);
      out.put("rssKb", rssKb);
      out.put("threads", threads);
      out.put("load1", Env.load1());
      out.put("commit", Env.commit());
      out.put("time", Instant.now().toString());
      return Json.write(out);
    }
  }

  record Sample(
      int patches,
      long appPid,
      long appHeapUsedKb,
      long appMetaspaceUsedKb,
      long appClassSpaceUsedKb,
      int appThreads,
      int appOpenFiles,
      long appRssKb,
      long moduleLoadersInHistogram,
      int moduleLoadersListed,
      int loadedClasses,
      long serveHeapUsedKb,
      long serveRssKb,
      int serveThreads,
      long sessionFolderKb,
      int sessionVersions,
      long idleSeconds) {

    static Sample take(ServeSession serve, Path root, int patches) throws Exception {
      return take(serve, root, patches, 0);
    }

    /** After {@code idleSeconds} without an edit: serve gives memory back after 5 s idle. */
    static Sample take(ServeSession serve, Path root, int patches, long idleSeconds)
        throws Exception {
      Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
      long app = serve.appPid();
      long servePid = serve.servePid();
      // Resident memory first: the collections below would give back what serve would keep.
      long appRss = Proc.status(app, "VmRSS");
      long serveRss = Proc.status(servePid, "VmRSS");
      Jcmd.run(app, "GC.run");
      HeapInfo appHeap = HeapInfo.parse(Jcmd.run(app, "GC.heap_info"));
      String histogram = Jcmd.run(app, "GC.class_histogram");
      String loaders = Jcmd.run(app, "VM.classloaders", "fold=false");
      Jcmd.run(servePid, "GC.run");
      HeapInfo serveHeap = HeapInfo.parse(Jcmd.run(servePid, "GC.heap_info"));
      Path session = root.resolve("target/hotpatch/session");
      Sample sample = new Sample(
          patches,
          app,
          appHeap.usedKb(),
          appHeap.metaspaceUsedKb(),
          appHeap.classSpaceUsedKb(),
          (int) Proc.status(app, "Threads"),
          Proc.openFiles(app),
          appRss,
          instancesIn(histogram, "dev.hotpatch.runtime.loader.ModuleClassLoader"),
          count(loaders, "ModuleClassLoader"),
          (int) Jcmd.loadedClasses(app),
          serveHeap.usedKb(),
          serveRss,
          (int) Proc.status(servePid, "Threads"),
          Proc.duKb(session),
          versionFolders(session),
          idleSeconds);
      System.out.println("   sample after " + patches + " patches: " + sample);
      return sample;
    }

    /** The patch count, and the wait after it when there was one. */
    String label() {
      return idleSeconds == 0 ? Integer.toString(patches) : patches + "+" + idleSeconds + "s";
    }

    private static long instancesIn(String histogram, String className) {
      for (String line : histogram.split("\n")) {
        String[] columns = line.trim().split("\\s+");
        if (columns.length >= 4 && columns[3].equals(className)) {
          return Long.parseLong(columns[1]);
        }
      }
      return 0;
    }

    private static int count(String text, String word) {
      int n = 0;
      for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
        n++;
      }
      return n;
    }

    /** serve's build folders: {@code session/<module>/b<n>}, one per module version built. */
    private static int versionFolders(Path session) throws IOException {
      if (!Files.isDirectory(session)) {
        return 0;
      }
      int n = 0;
      try (Stream<Path> modules = Files.list(session)) {
        for (Path module : modules.filter(Files::isDirectory).toList()) {
          try (Stream<Path> builds = Files.list(module)) {
            n += (int) builds.filter(p -> p.getFileName().toString().matches("b\\d+")).count();
          }
        }
      }
      return n;
    }

    String toJson(WorkspaceSpec spec) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("record", "soak-sample");
      out.put("workspace", spec.name());
      out.put("patches", patches);
      out.put("appPid", appPid);
      out.put("appHeapUsedKb", appHeapUsedKb);
      out.put("appMetaspaceUsedKb", appMetaspaceUsedKb);
      out.put("appClassSpaceUsedKb", appClassSpaceUsedKb);
      out.put("appThreads", appThreads);
      out.put("appOpenFiles", appOpenFiles);
      out.put("appRssKb", appRssKb);
      out.put("moduleLoadersAlive", moduleLoadersInHistogram);
      out.put("moduleLoadersListed", moduleLoadersListed);
      out.put("appLoadedClasses", loadedClasses);
      out.put("serveHeapUsedKb", serveHeapUsedKb);
      out.put("serveRssKb", serveRssKb);
      out.put("serveThreads", serveThreads);
      out.put("sessionFolderKb", sessionFolderKb);
      out.put("sessionVersionFolders", sessionVersions);
      out.put("idleSeconds", idleSeconds);
      out.put("load1", Env.load1());
      out.put("commit", Env.commit());
      out.put("time", Instant.now().toString());
      return Json.write(out);
    }
  }

  /** The heap and metaspace lines of {@code jcmd GC.heap_info}, for any collector. */
  record HeapInfo(long usedKb, long metaspaceUsedKb, long classSpaceUsedKb) {
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Pattern META_USED = Pattern.compile("used (\\d+)K");

    static HeapInfo parse(String text) {
      long heap = 0;
      long meta = -1;
      long classSpace = -1;
      for (String line : text.split("\n")) {
        Matcher used = USED.matcher(line);
        Matcher metaUsed = META_USED.matcher(line);
        if (line.trim().startsWith("Metaspace") && metaUsed.find()) {
          meta = Long.parseLong(metaUsed.group(1));
        } else if (line.trim().startsWith("class space") && metaUsed.find()) {
          classSpace = Long.parseLong(metaUsed.group(1));
        } else if (line.startsWith(" ") && !line.startsWith("  ") && used.find()) {
          heap += Long.parseLong(used.group(1)); // top-level generations (G1: one line)
        }
      }
      return new HeapInfo(heap, meta, classSpace);
    }
  }

  static final class Jcmd {
    static String run(long pid, String... command) throws Exception {
      List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
      line.addAll(List.of(command));
      return Processes.output(line, 120);
    }

    static long loadedClasses(long pid) throws Exception {
      // "Loaded classes" isn't in heap_info; PerfCounter.print has java.cls.loadedClasses etc.
      String counters = run(pid, "PerfCounter.print");
      long loaded = 0;
      long unloaded = 0;
      for (String line : counters.split("\n")) {
        if (line.startsWith("java.cls.loadedClasses=")) {
          loaded = Long.parseLong(line.substring(line.indexOf('=') + 1).trim());
        } else if (line.startsWith("java.cls.unloadedClasses=")) {
          unloaded = Long.parseLong(line.substring(line.indexOf('=') + 1).trim());
        }
      }
      return loaded - unloaded;
    }
  }

  static final class Proc {
    /** A {@code /proc/<pid>/status} field: a count, or kB for memory fields. */
    static long status(long pid, String field) throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
        }
      }
      return -1;
    }

    static int openFiles(long pid) throws IOException {
      try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
        return (int) fds.count();
      }
    }

    static long duKb(Path folder) throws Exception {
      if (!Files.isDirectory(folder)) {
        return 0;
      }
      String out = Processes.output(List.of("du", "-sk", folder.toString()), 120);
      return Long.parseLong(out.trim().split("\\s+")[0]);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Tables

  static final class Table {
    static void print(WorkspaceSpec spec, List<EditResult> results, int edits) {
      System.out.println();
      System.out.printf("%s: %,d types in %d library module(s) + app; %d steady edits per kind%n",
          spec.name(), spec.types(), spec.libraries().size(), edits);
      System.out.printf("%-11s %-11s %9s  %-36s %7s %8s %6s %6s %7s%n",
          "kind", "phase", "ms", "outcome", "detect", "compile", "diff", "load", "total");
      for (String kind : KINDS) {
        List<EditResult> ofKind = results.stream().filter(r -> r.kind().equals(kind)).toList();
        if (ofKind.isEmpty()) {
          continue;
        }
        for (String phase : List.of("first", "after-warm")) {
          ofKind.stream().filter(r -> r.phase().equals(phase)).forEach(r -> row(kind, phase, r));
        }
        List<EditResult> steady = ofKind.stream().filter(r -> r.phase().equals("steady")).toList();
        if (!steady.isEmpty()) {
          summary(kind, steady);
        }
      }
    }

    private static void row(String kind, String phase, EditResult r) {
      System.out.printf("%-11s %-11s %9s  %-36s %7s %8s %6s %6s %7s%n", kind, phase,
          r.millis() == null ? "-" : r.millis(), r.outcome() + " " + r.strategies(),
          stage(r, "detect"), stage(r, "compile"), stage(r, "diff"), stage(r, "load"), stage(r, "total"));
    }

    private static String stage(EditResult r, String stage) {
      long value = r.splitOf(stage);
      return value < 0 ? "-" : Long.toString(value);
    }

    private static void summary(String kind, List<EditResult> steady) {
      List<Long> shown = steady.stream().filter(EditResult::shown).map(EditResult::millis).toList();
      long notApplied = steady.stream().filter(r -> !r.applied()).count();
      String outcome = (steady.size() - notApplied) + "/" + steady.size() + " applied";
      System.out.printf("%-11s %-11s %9s  %-36s %7s %8s %6s %6s %7s%n", kind, "median",
          shown.isEmpty() ? "-" : Stats.median(shown), outcome,
          stageMedian(steady, "detect"), stageMedian(steady, "compile"), stageMedian(steady, "diff"),
          stageMedian(steady, "load"), stageMedian(steady, "total"));
      System.out.printf("%-11s %-11s %9s  %-36s %7s %8s %6s %6s %7s%n", kind, "p95",
          shown.isEmpty() ? "-" : Stats.p95(shown), "",
          stageP95(steady, "detect"), stageP95(steady, "compile"), stageP95(steady, "diff"),
          stageP95(steady, "load"), stageP95(steady, "total"));
    }

    private static List<Long> stageValues(List<EditResult> results, String stage) {
      return results.stream().map(r -> r.splitOf(stage)).filter(v -> v >= 0).toList();
    }

    private static String stageMedian(List<EditResult> results, String stage) {
      List<Long> values = stageValues(results, stage);
      return values.isEmpty() ? "-" : Long.toString(Stats.median(values));
    }

    private static String stageP95(List<EditResult> results, String stage) {
      List<Long> values = stageValues(results, stage);
      return values.isEmpty() ? "-" : Long.toString(Stats.p95(values));
    }

    /** Prints the soak's summary; true when every patch was applied and showed. */
    static boolean printSoak(
        WorkspaceSpec spec, List<EditResult> edits, List<Sample> samples, int patches, BareSample bare) {
      System.out.println();
      long applied = edits.stream().filter(EditResult::applied).count();
      System.out.printf("soak on %s: %d of %d patches applied and shown (%d attempted)%n",
          spec.name(), applied, patches, edits.size());
      for (String kind : List.of("body", "structural")) {
        List<EditResult> ofKind = edits.stream().filter(r -> r.kind().equals(kind)).toList();
        List<Long> shown = ofKind.stream().filter(EditResult::shown).map(EditResult::millis).toList();
        if (!shown.isEmpty()) {
          System.out.printf("  %-10s median %d ms, p95 %d ms, max %d ms; serve total median %s ms%n", kind,
              Stats.median(shown), Stats.p95(shown), shown.stream().max(Long::compare).orElseThrow(),
              stageMedian(ofKind, "total"));
        }
      }
      // Body edits should all be in place and structural ones new loaders: show what serve chose.
      Map<String, Long> strategies = edits.stream().collect(Collectors.groupingBy(
          r -> r.kind() + " -> " + r.outcome() + " " + r.strategies(), LinkedHashMap::new,
          Collectors.counting()));
      strategies.forEach((what, n) -> System.out.printf("  %5d x %s%n", n, what));
      edits.stream().filter(r -> !r.applied()).limit(10)
          .forEach(r -> System.out.println("  not applied: " + r.oneLine()));
      System.out.printf("%8s %10s %10s %8s %7s %6s %9s %8s %8s %10s %9s %10s %9s%n",
          "patches", "appHeapKB", "metaKB", "classes", "threads", "fds", "appRssKB", "loaders",
          "listed", "serveHeap", "serveRss", "sessionKB", "versions");
      for (Sample s : samples) {
        System.out.printf("%8s %10d %10d %8d %7d %6d %9d %8d %8d %10d %9d %10d %9d%n",
            s.label(), s.appHeapUsedKb(), s.appMetaspaceUsedKb(), s.loadedClasses(), s.appThreads(),
            s.appOpenFiles(), s.appRssKb(), s.moduleLoadersInHistogram(), s.moduleLoadersListed(),
            s.serveHeapUsedKb(), s.serveRssKb(), s.sessionFolderKb(), s.sessionVersions());
      }
      if (bare != null) {
        System.out.printf("bare application: heap after GC %d KB, metaspace %d KB, RSS %d KB, %d threads%n",
            bare.heapUsedKb(), bare.metaspaceUsedKb(), bare.rssKb(), bare.threads());
        for (Sample s : samples) {
          // The memory goal: serve + application <= 1.5 x the bare application + 250 MB.
          long both = s.serveRssKb() + s.appRssKb();
          long bound = bare.rssKb() * 3 / 2 + 250 * 1024;
          System.out.printf("after %s patches: serve + application %d MiB = %.1fx bare; bound %d MiB: %s%n",
              s.label(), both / 1024, (double) both / bare.rssKb(), bound / 1024,
              both <= bound ? "within" : "OVER");
        }
      }
      return applied == patches;
    }
  }

  static final class Stats {
    static long median(List<Long> values) {
      List<Long> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest rank: of 20 values, the 19th smallest. */
    static long p95(List<Long> values) {
      List<Long> sorted = values.stream().sorted().toList();
      int rank = (int) Math.ceil(0.95 * sorted.size());
      return sorted.get(Math.max(0, rank - 1));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Maven, processes, files, environment

  static final class Maven {
    /** Builds a generated workspace once (online: a fresh local repository gets the plugins it pins). */
    static String build(Path root) throws Exception {
      return run(root, "install", List.of("mvn", "-B", "-q", "install", "-DskipTests"));
    }

    /**
     * Brings the class folders up to date with the sources, as a user's last build left them:
     * serve's own Maven run then compiles nothing, and javac is cold in serve when it starts.
     */
    static String compile(Path root) throws Exception {
      return run(root, "compile", List.of("mvn", "-B", "-q", "-o", "compile"));
    }

    private static String run(Path root, String goal, List<String> mvn) throws Exception {
      List<String> command = new ArrayList<>(mvn);
      command.addAll(passOn());
      long start = System.nanoTime();
      Path log = root.resolve("build.log");
      Process build = Processes.start(new ProcessBuilder(command).directory(root.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()));
      if (!build.waitFor(20, TimeUnit.MINUTES)) {
        Processes.kill(build.toHandle());
        return "mvn " + goal + " did not finish within 20 minutes";
      }
      System.out.println("mvn " + goal + " of " + root.getFileName() + " in "
          + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");
      if (build.exitValue() != 0) {
        List<String> lines = Files.readAllLines(log);
        return "mvn " + goal + " exited with " + build.exitValue() + ": "
            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
      }
      return null;
    }

    static Path localRepository() {
      String repo = System.getProperty("maven.repo.local");
      return repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2/repository");
    }

    /** The local repository this program was told about goes to every mvn it starts. */
    static List<String> passOn() {
      String repo = System.getProperty("maven.repo.local");
      return repo == null ? List.of() : List.of("-Dmaven.repo.local=" + repo);
    }
  }

  /** Every process this program starts, so that it can end them all, also on failure. */
  static final class Processes {
    private static final List<ProcessHandle> STARTED = new CopyOnWriteArrayList<>();

    static Process start(ProcessBuilder builder) throws IOException {
      Process process = builder.start();
      STARTED.add(process.toHandle());
      return process;
    }

    /** Runs a short command and returns its output; killed after {@code seconds}. */
    static String output(List<String> command, long seconds) throws Exception {
      Path out = Files.createTempFile("patch-cost-cmd", ".txt");
      try {
        Process process = start(new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(out.toFile()));
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
          kill(process.toHandle());
          throw new IllegalStateException(String.join(" ", command) + " took over " + seconds + " s");
        }
        return Files.readString(out);
      } finally {
        Files.deleteIfExists(out);
      }
    }

    /** Kills a process we started (or a descendant of one), its own descendants first. */
    static void kill(ProcessHandle process) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    static void killAll() {
      for (ProcessHandle process : STARTED) {
        if (process.isAlive()) {
          kill(process);
        }
      }
    }

    /** A shutdown hook (Ctrl-C, failure) and a watchdog (a hang) both end what we started. */
    static void installSafetyNets(long maxMinutes) {
      Runtime.getRuntime().addShutdownHook(new Thread(Processes::killAll, "kill-started"));
      Thread watchdog = new Thread(() -> {
        try {
          Thread.sleep(TimeUnit.MINUTES.toMillis(maxMinutes));
          System.out.println("PatchCost ran for over " + maxMinutes + " minutes: stopping");
          killAll();
          Runtime.getRuntime().halt(3);
        } catch (InterruptedException ignored) {
          // the run ended
        }
      }, "watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    }
  }

  static final class Files2 {
    static void deleteRecursively(Path root) throws IOException {
      if (!Files.exists(root)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  static final class Env {
    private static String commit;

    static synchronized String commit() {
      if (commit == null) {
        try {
          commit = Processes.output(List.of("git", "rev-parse", "--short", "HEAD"), 30).trim();
        } catch (Exception e) {
          commit = "unknown";
        }
      }
      return commit;
    }

    static double load1() {
      try {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    static String uptime() {
      try {
        return "load average " + Files.readString(Path.of("/proc/loadavg")).trim();
      } catch (IOException e) {
        return "load average unknown";
      }
    }
  }

  /** The JSON lines file of raw results. */
  static final class Results implements AutoCloseable {
    private final Writer out;

    private Results(Writer out) {
      this.out = out;
    }

    static Results open(Path file) throws IOException {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      return new Results(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    synchronized void write(String json) throws IOException {
      out.write(json);
      out.write('\n');
      out.flush();
    }

    static String failure(WorkspaceSpec spec, String what, String message) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("record", "failure");
      out.put("workspace", spec.name());
      out.put("what", what);
      out.put("error", message);
      out.put("commit", Env.commit());
      out.put("time", Instant.now().toString());
      return Json.write(out);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Just enough JSON: serve's event lines in, result lines out. */
  static final class Json {
    private final String text;
    private int at;

    private Json(String text) {
      this.text = text;
    }

    static Object parse(String text) {
      Json json = new Json(text);
      Object value = json.value();
      json.space();
      if (json.at != text.length()) {
        throw new IllegalArgumentException("Trailing characters in JSON: " + text);
      }
      return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
      return (Map<String, Object>) map;
    }

    private Object value() {
      space();
      char c = text.charAt(at);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          at += 4;
          return Boolean.TRUE;
        case 'f':
          at += 5;
          return Boolean.FALSE;
        case 'n':
          at += 4;
          return null;
        default:
          return number();
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      at++; // {
      space();
      if (text.charAt(at) == '}') {
        at++;
        return map;
      }
      while (true) {
        space();
        String key = string();
        space();
        at++; // :
        map.put(key, value());
        space();
        if (text.charAt(at++) == '}') {
          return map;
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      at++; // [
      space();
      if (text.charAt(at) == ']') {
        at++;
        return list;
      }
      while (true) {
        list.add(value());
        space();
        if (text.charAt(at++) == ']') {
          return list;
        }
      }
    }

    private String string() {
      StringBuilder out = new StringBuilder();
      at++; // "
      while (true) {
        char c = text.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = text.charAt(at++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> out.append(e);
        }
      }
    }

    private Number number() {
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      String number = text.substring(start, at);
      return number.matches("-?\\d+") ? (Number) Long.parseLong(number) : (Number) Double.parseDouble(number);
    }

    private void space() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    static String write(Object value) {
      StringBuilder out = new StringBuilder();
      write(value, out);
      return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
      } else if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(String.valueOf(e.getKey()), out);
          out.append(':');
          write(e.getValue(), out);
        }
        out.append('}');
      } else if (value instanceof List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out);
        }
        out.append(']');
      } else if (value instanceof Number || value instanceof Boolean) {
        out.append(value);
      } else {
        out.append('"');
        for (char c : value.toString().toCharArray()) {
          switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
              if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
              } else {
                out.append(c);
              }
            }
          }
        }
        out.append('"');
      }
    }
  }
}
