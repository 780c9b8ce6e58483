package dev.hotpatch.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Plays the user of an integration test while {@code mvn hotpatch:serve} runs: waits for events and
 * for the application's output, edits sources, and finally asks the test application to exit by
 * writing the file {@code stop} (holding the exit code) that it polls.
 *
 * <p>A prebuild script starts it; it runs on a thread of its own beside the build, and the verify
 * script calls {@link #verify} to fail the test with whatever went wrong.
 */
public final class ServeDriver {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration LAST_STEP = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The steps of one test. */
  @FunctionalInterface
  public interface Steps {
    void run(ServeDriver driver) throws Exception;
  }

  private final Path basedir;
  private int eventCursor;
  private int outputCursor;

  private ServeDriver(Path basedir) {
    this.basedir = basedir;
  }

  /** Runs {@code steps} beside the build; their outcome goes to {@code driver.log}. */
  public static void begin(java.io.File basedir, Steps steps) {
    ServeDriver driver = new ServeDriver(basedir.toPath());
    Thread thread =
        new Thread(
            () -> {
              String outcome = "OK";
              try {
                steps.run(driver);
              } catch (Throwable failure) {
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                outcome = trace.toString();
                driver.stopApplication(99);
              }
              try {
                // Written whole, then renamed: verify() may be looking for it already.
                Path partial = driver.basedir.resolve("driver.log.partial");
                Files.writeString(partial, outcome);
                Files.move(
                    partial, driver.basedir.resolve("driver.log"), StandardCopyOption.ATOMIC_MOVE);
              } catch (IOException ignored) {
                // verify() then reports the missing log.
              }
            },
            "serve-driver");
    thread.setDaemon(true);
    thread.start();
  }

  /** Fails with the driver's error, if it had one. */
  public static void verify(java.io.File basedir) throws IOException, InterruptedException {
    Path log = basedir.toPath().resolve("driver.log");
    // The build can end (the application exited) a moment before the driver's last step returns.
    long deadline = System.nanoTime() + LAST_STEP.toNanos();
    while (!Files.exists(log) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (!Files.exists(log)) {
      throw new AssertionError("The driver did not finish: no " + log);
    }
    String outcome = Files.readString(log);
    if (!outcome.equals("OK")) {
      throw new AssertionError("The driver failed:\n" + outcome);
    }
  }

  /** Waits for the next event named {@code name} after the ones already awaited. */
  public JsonNode awaitEvent(String name) throws Exception {
    return awaitEvent(name, true);
  }

  /**
   * Waits until serve has written an event named {@code name}, before or after the ones already
   * awaited, and leaves the cursor where it was: for events of a thread of their own, such as
   * {@code warm}, that come at no fixed place among the others.
   */
  public JsonNode awaitEventAnywhere(String name) throws Exception {
    return awaitEvent(name, false);
  }

  /** Looks from the cursor and moves it past the event, or from the first event and leaves it. */
  private JsonNode awaitEvent(String name, boolean afterCursor) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonNode> events = events();
      for (int i = afterCursor ? eventCursor : 0; i < events.size(); i++) {
        if (events.get(i).path("event").asText().equals(name)) {
          if (afterCursor) {
            eventCursor = i + 1;
          }
          return events.get(i);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("No '" + name + "' event within " + WAIT + "; events: " + events());
  }

  /**
   * Waits for the next events named {@code names}, in whatever order they come (two threads of
   * serve may report them); returns them in the order of {@code names}.
   */
  public List<JsonNode> awaitEventsInAnyOrder(String... names) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonNode> events = events();
      JsonNode[] found = new JsonNode[names.length];
      int last = -1;
      for (int n = 0; n < names.length; n++) {
        for (int i = eventCursor; i < events.size() && found[n] == null; i++) {
          if (events.get(i).path("event").asText().equals(names[n])) {
            found[n] = events.get(i);
            last = Math.max(last, i);
          }
        }
      }
      if (java.util.Arrays.stream(found).allMatch(java.util.Objects::nonNull)) {
        eventCursor = last + 1;
        return List.of(found);
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "No events " + List.of(names) + " within " + WAIT + "; events: " + events());
  }

  /**
   * Waits for the next {@code count} events named {@code name} after the ones already awaited, as
   * one patch of several applications gives one event for each.
   */
  public List<JsonNode> awaitEvents(String name, int count) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonNode> events = events();
      List<JsonNode> found = new ArrayList<>();
      for (int i = eventCursor; i < events.size() && found.size() < count; i++) {
        if (events.get(i).path("event").asText().equals(name)) {
          found.add(events.get(i));
          if (found.size() == count) {
            eventCursor = i + 1;
            return found;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "No " + count + " '" + name + "' events within " + WAIT + "; events: " + events());
  }

  /**
   * Waits until the build log shows, after what was awaited, a line containing each of {@code
   * texts}, in any order (several applications write at once).
   */
  public void awaitOutputsInAnyOrder(String... texts) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = output();
      int last = -1;
      boolean all = true;
      for (String text : texts) {
        int at = -1;
        for (int i = outputCursor; i < lines.size() && at < 0; i++) {
          if (lines.get(i).contains(text)) {
            at = i;
          }
        }
        all &= at >= 0;
        last = Math.max(last, at);
      }
      if (all) {
        outputCursor = last + 1;
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "No lines containing " + List.of(texts) + " in the build log within " + WAIT);
  }

  /** Waits until the build log shows a line containing {@code text} after what was awaited. */
  public String awaitOutput(String text) throws Exception {
    return awaitLine(line -> line.contains(text), "a line containing '" + text + "'");
  }

  private String awaitLine(Predicate<String> wanted, String description) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = output();
      for (int i = outputCursor; i < lines.size(); i++) {
        if (wanted.test(lines.get(i))) {
          outputCursor = i + 1;
          return lines.get(i);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("No " + description + " in the build log within " + WAIT);
  }

  /** The body of a GET to the application, for tests of servers. */
  public String httpGet(String url) throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** Replaces {@code from} by {@code to} in a file of the workspace, as an editor saves it. */
  public void replace(String file, String from, String to) throws IOException {
    Path path = basedir.resolve(file);
    Files.writeString(path, replaced(path, from, to));
  }

  private static String replaced(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    if (!text.contains(from)) {
      throw new AssertionError(file + " does not contain '" + from + "'");
    }
    return text.replace(from, to);
  }

  /** Writes a new file of the workspace, with the folders it needs. */
  public void write(String file, String text) throws IOException {
    Path path = basedir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  /** Deletes a file of the workspace. */
  public void delete(String file) throws IOException {
    Files.delete(basedir.resolve(file));
  }

  /** Sets a file's modification time to now, creating it if needed, like {@code touch}. */
  public void touch(String file) throws IOException {
    Path path = basedir.resolve(file);
    if (Files.exists(path)) {
      Files.setLastModifiedTime(
          path, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
    } else {
      write(file, "");
    }
  }

  /**
   * Replaces {@code from} by {@code to} the way Vim saves by default: it probes the folder with a
   * file named {@code 4913}, keeps a swap file, renames the original to a backup ({@code X~}),
   * writes the new file and deletes the backup.
   */
  public void saveLikeVim(String file, String from, String to) throws IOException {
    Path path = basedir.resolve(file);
    String text = replaced(path, from, to);
    Path swap = path.resolveSibling("." + path.getFileName() + ".swp");
    Files.writeString(swap, "b0VIM");
    Path probe = path.resolveSibling("4913");
    Files.writeString(probe, "");
    Files.delete(probe);
    Path backup = path.resolveSibling(path.getFileName() + "~");
    Files.move(path, backup);
    Files.writeString(path, text);
    Files.delete(backup);
    Files.delete(swap);
  }

  /**
   * Replaces {@code from} by {@code to} the way IntelliJ's safe write does: the new text goes to a
   * temporary file, the original is renamed away, the temporary file takes its name, and the
   * original is deleted.
   */
  public void saveLikeIntellij(String file, String from, String to) throws IOException {
    Path path = basedir.resolve(file);
    String text = replaced(path, from, to);
    Path temporary = path.resolveSibling(path.getFileName() + "___jb_tmp___");
    Path old = path.resolveSibling(path.getFileName() + "___jb_old___");
    Files.writeString(temporary, text);
    Files.move(path, old);
    Files.move(temporary, path);
    Files.delete(old);
  }

  /**
   * Compiles sources of a module into its {@code target/classes}, as an IDE that compiles on save
   * does, with the JDK's compiler in this JVM.
   *
   * @param module the module's folder
   * @param classpath class folders and jars, relative to the workspace
   * @param sources the sources to compile, relative to the workspace
   */
  public void compileLikeIde(String module, List<String> classpath, List<String> sources)
      throws IOException {
    List<String> arguments = new ArrayList<>(List.of("--release", "17", "-g", "-d"));
    arguments.add(basedir.resolve(module).resolve("target/classes").toString());
    arguments.add("-cp");
    arguments.add(
        String.join(
            java.io.File.pathSeparator,
            classpath.stream().map(entry -> basedir.resolve(entry).toString()).toList()));
    sources.forEach(source -> arguments.add(basedir.resolve(source).toString()));
    int code =
        javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, arguments.toArray(new String[0]));
    if (code != 0) {
      throw new AssertionError("javac failed (" + code + ") on " + sources);
    }
  }

  /** Asks the test application to exit with {@code code}. */
  public void stopApplication(int code) {
    try {
      // Written whole, then renamed: the application reads the file as soon as it exists.
      Path partial = basedir.resolve("stop.partial");
      Files.writeString(partial, Integer.toString(code));
      Files.move(partial, basedir.resolve("stop"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<JsonNode> events() throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : completeLines(basedir.resolve("events.jsonl"))) {
      if (!line.isBlank()) {
        events.add(JSON.readTree(line));
      }
    }
    return events;
  }

  private List<String> output() throws IOException {
    return completeLines(basedir.resolve("build.log"));
  }

  /** The lines of a file being written, without a last line that is not finished yet. */
  private static List<String> completeLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\r?\n", -1));
  }
}
