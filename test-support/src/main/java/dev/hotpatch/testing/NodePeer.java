package dev.hotpatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A WebSocket peer written in Node.js with the {@code ws} package from the npm registry: a client
 * or server that shares no code with hotpatch. The first use installs it from {@code src/test/node}
 * (package.json and its lock) into {@code target/node-peer} with {@code npm ci}. The script reports
 * events as JSON lines on stdout and takes JSON commands on stdin. Without {@code node} and {@code
 * npm} on the PATH, the tests that use it are skipped (CI installs both, so it always runs them).
 */
public final class NodePeer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Set by the build: the working directory of a forked test JVM may be elsewhere.
  private static final Path MODULE = Path.of(System.getProperty("hotpatch.module.dir", "."));
  private static final Path SOURCES = MODULE.resolve("src/test/node");
  private static final Path INSTALLED = MODULE.resolve("target/node-peer");
  private static final long NPM_TIMEOUT_MINUTES = 5;

  private static Boolean available; // guarded by NodePeer.class

  private final Process process;
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new ArrayList<>();

  private NodePeer(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  events.add(JSON.readTree(line));
                }
              } catch (IOException e) {
                // The peer ended.
              }
            },
            "node-peer-events");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Runs {@code script} of {@code src/test/node} with {@code args}; aborts the calling test (a
   * JUnit assumption) when Node.js or npm is missing.
   */
  public static NodePeer start(String script, String... args) throws Exception {
    assumeAvailable();
    Path home = install();
    List<String> command = new ArrayList<>(List.of("node", home.resolve(script).toString()));
    command.addAll(List.of(args));
    return new NodePeer(
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start());
  }

  /** Skips the calling test, saying what to install, unless {@code node} and {@code npm} run. */
  public static synchronized void assumeAvailable() throws InterruptedException {
    if (available == null) {
      available = runs("node", "--version") && runs("npm", "--version");
    }
    Assumptions.assumeTrue(
        available,
        "Node.js and npm are needed for the independent-peer tests: install them (e.g. the Debian"
            + " packages nodejs and npm)");
  }

  private static boolean runs(String... command) throws InterruptedException {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false; // not on the PATH
    }
  }

  /** Copies the scripts and runs {@code npm ci} unless {@code ws} is installed already. */
  private static synchronized Path install() throws IOException, InterruptedException {
    Files.createDirectories(INSTALLED);
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.toList()) {
        Files.copy(
            file, INSTALLED.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (!Files.exists(INSTALLED.resolve("node_modules/ws/package.json"))) {
      // To a file, not a pipe: reading a pipe to its end would wait as long as npm does, timeout
      // or not.
      Path log = INSTALLED.resolve("npm-ci.log");
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
              .directory(INSTALLED.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!npm.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        npm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "npm ci of the Node.js test peer did not finish within "
                + NPM_TIMEOUT_MINUTES
                + " minutes: "
                + Files.readString(log));
      }
      if (npm.exitValue() != 0) {
        throw new AssertionError(
            "npm ci of the Node.js test peer failed with exit code "
                + npm.exitValue()
                + ": "
                + Files.readString(log));
      }
    }
    return INSTALLED.toAbsolutePath();
  }

  /** Sends one command: {@code op} and its fields. */
  public void command(String op, Map<String, ?> fields) {
    Map<String, Object> command = new LinkedHashMap<>(fields);
    command.put("op", op);
    try {
      OutputStream in = process.getOutputStream();
      in.write((JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next event that {@code wanted} accepts, waiting up to 30 seconds; others are kept. */
  public JsonNode await(String description, Predicate<JsonNode> wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
      if (event == null) {
        continue;
      }
      seen.add(event);
      if (wanted.test(event)) {
        return event;
      }
    }
    throw new AssertionError("The Node.js peer never reported " + description + "; saw " + seen);
  }

  public JsonNode await(String event) throws Exception {
    return await(event, e -> e.path("event").asText().equals(event));
  }

  /** Every event so far, including those {@link #await} passed over. */
  public List<JsonNode> seen() {
    List<JsonNode> all = new ArrayList<>(seen);
    events.drainTo(all);
    seen.clear();
    seen.addAll(all);
    return all;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
