import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Edit-to-effect time on the demo: from writing a library source file to the running
 * application printing a line made by the new code.
 *
 * <p>Measures, in one run: (1) under {@code mvn hotpatch:serve}, N edits of {@code
 * demo/core/.../Bars.java}; (2) the baseline without hotpatch: the same edit, {@code mvn -o -q
 * compile}, and a fresh {@code java} start until the first line. Prints medians and the ratio.
 *
 * <p>It also reports resident memory (VmRSS): serve's JVM and the application's after the first
 * edit, after the last, and 10 s after the last (serve gives memory back after 5 s idle), and the same application run bare (plain {@code java}, no hotpatch)
 * for as long as the first edit took to come, so that serve's cost in memory is a ratio too.
 *
 * <p>Run from the repository root after {@code mvn -q install -DskipTests}:
 *
 * <pre>java bench/EditToEffect.java [edits=10] [baselineRuns=5]</pre>
 *
 * <p>{@code java bench/EditToEffect.java remote [edits=20]} measures instead, in one run, the same
 * edits under a local serve and under a remote one: the demo's bundle ({@code mvn hotpatch:bundle}),
 * copied out of the workspace and started with its {@code run.sh}, patched over TLS through
 * 127.0.0.2 by {@code mvn hotpatch:serve -Dhotpatch.launch=remote}. It prints the first edit of each
 * apart, the medians and p95 of the others, and the ratio remote / local.
 */
public final class EditToEffect {
  private static final String GLYPHS = "*+=~ox@%&:!^";
  private static final String BARS = "core/src/main/java/demo/core/Bars.java";
  private static final long TIMEOUT_SECONDS = 120;
  private static final long BARE_SECONDS = 30;
  private static final long IDLE_SECONDS = 10;
  private static final Pattern READY_PID = Pattern.compile("\"event\":\"ready\".*?\"pid\":(\\d+)");

  record Line(long nanos, String text) {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("remote")) {
      remoteAgainstLocal(args.length > 1 ? Integer.parseInt(args[1]) : 20);
      return;
    }
    int edits = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int baselineRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = Files.createTempDirectory("hotpatch-bench");
    copyDemo(Path.of("demo"), work);
    List<String> memory = new ArrayList<>();
    List<Long> hot = measureServe(work, edits, memory);
    List<Long> cold = measureRestart(work, baselineRuns);
    memory.add(bareMemory(work));
    long hotMedian = median(hot);
    long coldMedian = median(cold);
    System.out.println();
    System.out.println("edit-to-effect under hotpatch:serve, " + hot.size() + " edits: " + hot + " ms");
    System.out.println("edit, mvn -o compile, restart, " + cold.size() + " runs: " + cold + " ms");
    System.out.printf("median hotpatch %d ms, median rebuild+restart %d ms, ratio %.1fx%n",
        hotMedian, coldMedian, (double) coldMedian / hotMedian);
    memory.forEach(System.out::println);
  }

  private static List<Long> measureServe(Path work, int edits, List<String> memory)
      throws Exception {
    Path events = work.resolve("events.jsonl");
    Process serve =
        new ProcessBuilder(
                "mvn", "-B", "hotpatch:serve", "-Dhotpatch.events=" + events, "-Dhotpatch.args=20")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    BlockingQueue<Line> lines = pump(serve);
    try {
      awaitReady(events);
      await(lines, line -> line.contains("rabbits"));
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < edits; i++) {
        char glyph = GLYPHS.charAt(i % GLYPHS.length());
        lines.clear();
        long start = System.nanoTime();
        setGlyph(work, glyph);
        Line seen = await(lines, line -> line.contains("rabbits") && line.endsWith("" + glyph + glyph));
        millis.add(TimeUnit.NANOSECONDS.toMillis(seen.nanos() - start));
        System.out.println("edit " + (i + 1) + ": " + millis.get(i) + " ms");
        Thread.sleep(300);
        if (i == 0 || i == edits - 1) {
          memory.add(residentMemory(serve, events, "after edit " + (i + 1)));
        }
      }
      // serve gives back what a burst took once it has been idle for 5 s.
      Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
      memory.add(residentMemory(
          serve, events, "after edit " + edits + " and " + IDLE_SECONDS + " s idle"));
      return millis;
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
      serve.destroyForcibly();
    }
  }

  private static String residentMemory(Process serve, Path events, String when) throws IOException {
    return String.format("resident memory %s: serve %d MiB, application %d MiB",
        when, rssKb(serve.pid()) / 1024, rssKb(appPid(events)) / 1024);
  }

  private static void remoteAgainstLocal(int edits) throws Exception {
    Path work = Files.createTempDirectory("hotpatch-bench");
    copyDemo(Path.of("demo"), work);
    List<Long> local = measureServe(work, edits, new ArrayList<>());
    List<Long> remote = measureRemote(work, edits);
    System.out.println();
    System.out.println("local: first edit " + local.get(0) + " ms, " + summary(local));
    System.out.println("remote (TLS, 127.0.0.2): first edit " + remote.get(0) + " ms, " + summary(remote));
    System.out.printf(
        "ratio remote / local of the medians after the first edit: %.2fx%n",
        (double) median(remote.subList(1, remote.size()))
            / median(local.subList(1, local.size())));
  }

  /** Median and p95 of the edits after the first, which is reported apart. */
  private static String summary(List<Long> millis) {
    List<Long> later = millis.subList(1, millis.size()).stream().sorted().toList();
    long p95 = later.get((int) Math.ceil(later.size() * 0.95) - 1);
    return later.size() + " later edits: median " + median(later) + " ms, p95 " + p95 + " ms";
  }

  /**
   * The same edits under serve with {@code -Dhotpatch.launch=remote}, the application running from
   * a copy of its bundle in another folder and printing to its own output.
   */
  private static List<Long> measureRemote(Path work, int edits) throws Exception {
    int port;
    try (java.net.ServerSocket free =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.2"))) {
      port = free.getLocalPort();
    }
    String listen = "-Dhotpatch.listen=127.0.0.2:" + port;
    Process bundle =
        new ProcessBuilder("mvn", "-B", "-q", "hotpatch:bundle", listen, "-Dhotpatch.args=20")
            .directory(work.toFile())
            .inheritIO()
            .start();
    if (bundle.waitFor() != 0) {
      throw new IllegalStateException("mvn hotpatch:bundle failed");
    }
    Path elsewhere = Files.createTempDirectory("hotpatch-bundle");
    copyDemo(work.resolve("target/hotpatch/bundle"), elsewhere);
    elsewhere.resolve("run.sh").toFile().setExecutable(true);
    Path events = work.resolve("remote-events.jsonl");
    Process serve =
        new ProcessBuilder(
                "mvn", "-B", "hotpatch:serve", "-Dhotpatch.launch=remote", listen,
                "-Dhotpatch.events=" + events)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    BlockingQueue<Line> serveLines = pump(serve);
    Process app = null;
    try {
      await(serveLines, line -> line.contains("to connect from its bundle"));
      app =
          new ProcessBuilder(elsewhere.resolve("run.sh").toString())
              .directory(elsewhere.toFile())
              .redirectErrorStream(true)
              .start();
      BlockingQueue<Line> lines = pump(app);
      awaitReady(events);
      await(serveLines, line -> line.contains("runs the current code")
          || line.contains("applied in"));
      await(lines, line -> line.contains("rabbits"));
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < edits; i++) {
        char glyph = GLYPHS.charAt((i + 3) % GLYPHS.length());
        lines.clear();
        long start = System.nanoTime();
        setGlyph(work, glyph);
        Line seen = await(lines, line -> line.contains("rabbits") && line.endsWith("" + glyph + glyph));
        millis.add(TimeUnit.NANOSECONDS.toMillis(seen.nanos() - start));
        System.out.println("remote edit " + (i + 1) + ": " + millis.get(i) + " ms");
        Thread.sleep(300);
      }
      return millis;
    } finally {
      if (app != null) {
        app.descendants().forEach(ProcessHandle::destroy);
        app.destroy();
        app.waitFor(30, TimeUnit.SECONDS);
      }
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
      serve.destroyForcibly();
    }
  }

  private static List<Long> measureRestart(Path work, int runs) throws Exception {
    String classpath = bareClasspath(work);
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      char glyph = GLYPHS.charAt((i + 5) % GLYPHS.length());
      long start = System.nanoTime();
      setGlyph(work, glyph);
      Process compile =
          new ProcessBuilder("mvn", "-B", "-o", "-q", "compile")
              .directory(work.toFile())
              .inheritIO()
              .start();
      if (compile.waitFor() != 0) {
        throw new IllegalStateException("mvn compile failed");
      }
      Process app =
          new ProcessBuilder("java", "-cp", classpath, "demo.app.Main", "20", "3")
              .directory(work.toFile())
              .redirectErrorStream(true)
              .start();
      BlockingQueue<Line> lines = pump(app);
      Line seen = await(lines, line -> line.contains("rabbits") && line.endsWith("" + glyph + glyph));
      millis.add(TimeUnit.NANOSECONDS.toMillis(seen.nanos() - start));
      app.waitFor(30, TimeUnit.SECONDS);
      System.out.println("rebuild+restart " + (i + 1) + ": " + millis.get(i) + " ms");
    }
    return millis;
  }

  /** The same application without hotpatch, sampled after as long as serve's first edit waited. */
  private static String bareMemory(Path work) throws Exception {
    Process app =
        new ProcessBuilder("java", "-cp", bareClasspath(work), "demo.app.Main", "1000")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Thread.sleep(TimeUnit.SECONDS.toMillis(BARE_SECONDS));
      return String.format("resident memory of the bare application after %d s: %d MiB",
          BARE_SECONDS, rssKb(app.pid()) / 1024);
    } finally {
      app.destroyForcibly();
      app.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static long appPid(Path events) throws IOException {
    Matcher pid = READY_PID.matcher(Files.readString(events));
    long last = -1;
    while (pid.find()) {
      last = Long.parseLong(pid.group(1));
    }
    return last;
  }

  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + pid);
  }

  private static String bareClasspath(Path work) {
    String api =
        Path.of(System.getProperty("user.home"),
                ".m2/repository/dev/hotpatch/hotpatch-api/0.1.0-SNAPSHOT/hotpatch-api-0.1.0-SNAPSHOT.jar")
            .toString();
    return String.join(
        java.io.File.pathSeparator,
        work.resolve("core/target/classes").toString(),
        work.resolve("engine/target/classes").toString(),
        work.resolve("app/target/classes").toString(),
        api);
  }

  private static void awaitReady(Path events) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      if (Files.exists(events) && Files.readString(events).contains("\"event\":\"ready\"")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("serve did not report ready");
  }

  private static void setGlyph(Path work, char glyph) throws IOException {
    Path bars = work.resolve(BARS);
    String text = Files.readString(bars);
    Files.writeString(bars, text.replaceFirst("return \".\"\\.repeat", "return \"" + glyph + "\".repeat"));
  }

  private static BlockingQueue<Line> pump(Process process) {
    BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(new Line(System.nanoTime(), line));
                }
              } catch (IOException ignored) {
                // The process ended.
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static Line await(BlockingQueue<Line> lines, java.util.function.Predicate<String> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      Line line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && wanted.test(line.text())) {
        return line;
      }
    }
    throw new IllegalStateException("timed out waiting for the expected output");
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void copyDemo(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.sorted(Comparator.naturalOrder()).toList()) {
        Path relative = from.relativize(source);
        if (relative.toString().startsWith("target") || relative.toString().contains("/target")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
