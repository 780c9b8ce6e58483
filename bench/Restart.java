import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Restart time on the demo: from asking serve to restart the application (touching {@code
 * target/hotpatch/restart}) to the new application's first line of output.
 *
 * <p>For each variant of JVM options (one {@code hotpatch:serve} session each, the demo run with
 * {@code -Dhotpatch.args=100}), restarts the application N times and prints the median. The
 * baseline, in the same run: a plain {@code java -cp ... demo.app.Main} without hotpatch, from
 * process start to its first line, the least a restart can cost.
 *
 * <p>Run from the repository root after {@code mvn -q install -DskipTests}:
 *
 * <pre>
 * java bench/Restart.java [restarts=10] [jvmArgs variant ...]
 * java bench/Restart.java 10 "" "-XX:-UsePerfData"
 * </pre>
 *
 * An empty variant means no extra options. {@code -Dmaven.repo.local=...} and {@code
 * -Dhotpatch.java=...} given to this program are passed on to Maven.
 */
public final class Restart {
  private static final String FIRST_LINE = "A meadow of rabbits";
  private static final long TIMEOUT_SECONDS = 120;

  record Line(long nanos, String text) {}

  public static void main(String[] args) throws Exception {
    int restarts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<String> variants = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("");
    Path work = Files.createTempDirectory("hotpatch-restart");
    copyDemo(Path.of("demo"), work);
    List<String> report = new ArrayList<>();
    for (String variant : variants) {
      List<Long> millis = measureRestarts(work, restarts, variant);
      report.add(
          String.format(
              "restart, jvmArgs \"%s\": median %d ms of %s", variant, median(millis), millis));
    }
    List<Long> plain = measurePlainStarts(work, restarts);
    report.add(
        String.format("plain java start, no hotpatch: median %d ms of %s", median(plain), plain));
    System.out.println();
    System.out.println("java " + Runtime.version() + " runs this; the application runs on "
        + System.getProperty("hotpatch.java", "the java running Maven"));
    report.forEach(System.out::println);
  }

  private static List<Long> measureRestarts(Path work, int restarts, String jvmArgs)
      throws Exception {
    Path events = work.resolve("events.jsonl");
    Files.deleteIfExists(events);
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o", "hotpatch:serve"));
    command.add("-Dhotpatch.events=" + events);
    command.add("-Dhotpatch.args=100");
    if (!jvmArgs.isBlank()) {
      command.add("-Dhotpatch.jvmArgs=" + jvmArgs);
    }
    passOn(command, "maven.repo.local");
    passOn(command, "hotpatch.java");
    Process serve =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    BlockingQueue<Line> lines = pump(serve);
    try {
      await(lines, line -> line.contains(FIRST_LINE));
      awaitEvents(events, "ready", 1);
      // Let the application and serve's warm-up settle, as they would while one edits code.
      Thread.sleep(3000);
      List<Long> millis = new ArrayList<>();
      Path trigger = work.resolve("target/hotpatch/restart");
      for (int i = 0; i < restarts; i++) {
        lines.clear();
        long start = System.nanoTime();
        touch(trigger);
        Line first = await(lines, line -> line.contains(FIRST_LINE));
        millis.add(TimeUnit.NANOSECONDS.toMillis(first.nanos() - start));
        System.out.println("jvmArgs \"" + jvmArgs + "\", restart " + (i + 1) + ": "
            + millis.get(i) + " ms");
        awaitEvents(events, "ready", i + 2);
        Thread.sleep(1000);
      }
      return millis;
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
      serve.destroyForcibly();
    }
  }

  private static List<Long> measurePlainStarts(Path work, int runs) throws Exception {
    String api =
        Path.of(
                System.getProperty(
                    "maven.repo.local", System.getProperty("user.home") + "/.m2/repository"),
                "dev/hotpatch/hotpatch-api/0.1.0-SNAPSHOT/hotpatch-api-0.1.0-SNAPSHOT.jar")
            .toString();
    String classpath =
        String.join(
            java.io.File.pathSeparator,
            work.resolve("core/target/classes").toString(),
            work.resolve("engine/target/classes").toString(),
            work.resolve("app/target/classes").toString(),
            api);
    String java = System.getProperty("hotpatch.java", "java");
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Process app =
          new ProcessBuilder(java, "-cp", classpath, "demo.app.Main", "100", "1")
              .directory(work.toFile())
              .redirectErrorStream(true)
              .start();
      Line first = await(pump(app), line -> line.contains(FIRST_LINE));
      millis.add(TimeUnit.NANOSECONDS.toMillis(first.nanos() - start));
      app.waitFor(30, TimeUnit.SECONDS);
      System.out.println("plain start " + (i + 1) + ": " + millis.get(i) + " ms");
    }
    return millis;
  }

  private static void passOn(List<String> command, String property) {
    String value = System.getProperty(property);
    if (value != null) {
      command.add("-D" + property + "=" + value);
    }
  }

  private static void touch(Path file) throws IOException {
    if (Files.exists(file)) {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } else {
      Files.writeString(file, "");
    }
  }

  private static void awaitEvents(Path events, String name, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      if (Files.exists(events)
          && Files.readAllLines(events).stream()
                  .filter(l -> l.contains("\"event\":\"" + name + "\""))
                  .count()
              >= count) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("serve did not report " + count + " " + name + " events");
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

  private static Line await(BlockingQueue<Line> lines, Predicate<String> wanted)
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
