package dev.hotpatch.serve.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.runtime.boot.Boot;
import dev.hotpatch.serve.RestartPolicy;
import dev.hotpatch.serve.ServeRequest;
import dev.hotpatch.serve.ServeStreams;
import dev.hotpatch.serve.event.ServeEvent;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serve engine in this JVM, without Maven, on a workspace built here, with a real application
 * JVM started from the packaged runtime jar: each kind of edit ends in the event it should, and the
 * application prints what the new code says.
 */
class ServeEngineIT {
  /** Generous: two cores shared with other builds, and a JVM started for each run. */
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final List<ServeEvent> events = new CopyOnWriteArrayList<>();
  private int eventCursor;
  private int outputCursor;
  private Path output;
  private Path serveLog;

  /** What a test does with the running session. */
  private interface Session {
    void run(SampleWorkspace sample) throws Exception;
  }

  @Test
  void aBodyEditIsPatchedABrokenFacadeRejectedAndAFacadeChangeRestartsTheApplication()
      throws Exception {
    SampleWorkspace sample = new SampleWorkspace(dir.resolve("workspace")).build();
    Path eventsFile =
        serve(
            sample,
            s -> {
              ServeEvent.Ready first = awaitEvent(ServeEvent.Ready.class);
              awaitOutput("greeting: v0");

              s.edit("lib", "lib.Greeter", SampleWorkspace.GREETER.formatted("v1"));
              ServeEvent.PatchApplied applied = awaitEvent(ServeEvent.PatchApplied.class);
              assertThat(applied.modules())
                  .extracting(ServeEvent.PatchedModule::name, ServeEvent.PatchedModule::strategy)
                  .containsExactly(tuple("lib", "in-place"));
              awaitOutput("greeting: v1");

              s.edit(
                  "lib",
                  "lib.Counter",
                  SampleWorkspace.COUNTER.formatted(
                      "default lib.Greeter greeter() { return null; }"));
              ServeEvent.PatchRejected rejected = awaitEvent(ServeEvent.PatchRejected.class);
              assertThat(rejected.reason())
                  .startsWith("@HotFacade interface lib.Counter, method greeter(): lib.Greeter");

              s.edit(
                  "lib",
                  "lib.Counter",
                  SampleWorkspace.COUNTER.formatted("default int twice() { return 2 * next(); }"));
              ServeEvent.Restart restart = awaitEvent(ServeEvent.Restart.class);
              assertThat(restart.reason())
                  .startsWith("@HotFacade interface lib.Counter of module lib changed");
              // It registered no way to stop it in its JVM: a new JVM, and the event says why.
              assertThat(restart.kind()).isEqualTo(ServeEvent.Restart.JVM);
              assertThat(restart.fallback())
                  .startsWith(
                      "the application registered no way to stop it inside its JVM: it has no"
                          + " Spring Boot application context and called no Hot.onStop");
              ServeEvent.Ready second = awaitEvent(ServeEvent.Ready.class);
              assertThat(second.pid()).isNotEqualTo(first.pid());
              assertThat(second.modules())
                  .contains(
                      new ServeEvent.ModuleVersion("lib", 2),
                      new ServeEvent.ModuleVersion("app", 0));
              awaitOutput("started");
              awaitOutput("greeting: v1");
            });
    assertThat(eventNames(eventsFile))
        .containsExactly(
            "ready", "patch-applied", "patch-rejected", "restart", "ready", "app-exit");
    assertThat(completeLines(serveLog))
        .contains(
            "[hotpatch] restarting in a new JVM, not warm: the application registered no way to"
                + " stop it inside its JVM: it has no Spring Boot application context and called"
                + " no Hot.onStop. Register one with Hot.onStop for warm restarts.");
  }

  @Test
  void anApplicationThatRegisteredHowToStopItRestartsInItsJvm() throws Exception {
    SampleWorkspace sample = new SampleWorkspace(dir.resolve("workspace")).buildStoppable();
    Path eventsFile =
        serve(
            sample,
            s -> {
              ServeEvent.Ready first = awaitEvent(ServeEvent.Ready.class);
              awaitOutput("started 1");
              awaitOutput("greeting: v0");

              s.edit("lib", "lib.Counter", SampleWorkspace.COUNTER.formatted("int twice();"));
              ServeEvent.Restart restart = awaitEvent(ServeEvent.Restart.class);
              assertThat(restart.reason())
                  .startsWith("@HotFacade interface lib.Counter of module lib changed");
              assertThat(restart.kind()).isEqualTo(ServeEvent.Restart.WARM);
              assertThat(restart.fallback()).isNull();
              ServeEvent.Ready second = awaitEvent(ServeEvent.Ready.class);
              assertThat(second.pid()).isEqualTo(first.pid());
              assertThat(second.modules()).contains(new ServeEvent.ModuleVersion("lib", 1));
              // The first start's main ended, and main ran again in the same JVM.
              awaitOutput("stopped 1");
              awaitOutput("started 2");
              awaitOutput("greeting: v0");

              // Patches reach the new start.
              s.edit("lib", "lib.Greeter", SampleWorkspace.GREETER.formatted("v1"));
              awaitEvent(ServeEvent.PatchApplied.class);
              awaitOutput("greeting: v1");
            });
    assertThat(eventNames(eventsFile))
        .containsExactly("ready", "restart", "ready", "patch-applied", "app-exit");
    assertThat(completeLines(serveLog))
        .anyMatch(
            line ->
                line.matches(
                    "\\[hotpatch\\] restarted the application in its JVM in \\d+ ms \\(stop"
                        + " \\d+, start \\d+\\): @HotFacade interface lib.Counter .*"));
  }

  @Test
  void aPortThatTheStoppedStartStillHoldsTakesANewJvm() throws Exception {
    SampleWorkspace sample = new SampleWorkspace(dir.resolve("workspace")).buildStoppable();
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path eventsFile =
        serve(
            sample,
            List.of(String.valueOf(port)),
            s -> {
              ServeEvent.Ready first = awaitEvent(ServeEvent.Ready.class);
              awaitOutput("started 1");

              s.edit("lib", "lib.Counter", SampleWorkspace.COUNTER.formatted("int twice();"));
              assertThat(awaitEvent(ServeEvent.Restart.class).kind())
                  .isEqualTo(ServeEvent.Restart.WARM);
              // The new start's main cannot bind the port: only a new JVM can start it.
              ServeEvent.Restart fallback = awaitEvent(ServeEvent.Restart.class);
              assertThat(fallback.kind()).isEqualTo(ServeEvent.Restart.JVM);
              assertThat(fallback.fallback())
                  .startsWith("its new start could not bind a port (")
                  .endsWith(
                      "): the stopped start still holds it. Close the server in Hot.onStop or"
                          + " @PreDestroy");
              ServeEvent.Ready second = awaitEvent(ServeEvent.Ready.class);
              while (second.pid() == first.pid()) {
                second = awaitEvent(ServeEvent.Ready.class);
              }
              // A new JVM: its first start binds the port.
              awaitOutput("started 1");
            });
    assertThat(eventNames(eventsFile)).doesNotContain("app-failed");
    assertThat(completeLines(serveLog))
        .anyMatch(
            line ->
                line.startsWith(
                    "[hotpatch] restarting in a new JVM, not warm: its new start could not bind a"
                        + " port ("));
  }

  /** Runs serve on {@code sample} while {@code session} acts; returns the events file. */
  private Path serve(SampleWorkspace sample, Session session) throws Exception {
    return serve(sample, List.of(), session);
  }

  /** As {@link #serve(SampleWorkspace, Session)}, with the application's arguments. */
  private Path serve(SampleWorkspace sample, List<String> args, Session session) throws Exception {
    output = dir.resolve("application.log");
    serveLog = dir.resolve("serve.log");
    Path eventsFile = dir.resolve("events.jsonl");
    ServeRequest request =
        ServeRequest.builder(sample.workspace(), SampleWorkspace.apiLocation(), runtimeJar())
            .mainClass("app.Main")
            .args(args)
            .eventsFile(eventsFile)
            .restart(RestartPolicy.AUTO)
            .build();
    CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    try (PrintStream console = new PrintStream(Files.newOutputStream(serveLog), true)) {
      ServeEngine engine =
          new ServeEngine(
              request, new ServeStreams(InputStream.nullInputStream(), console, output));
      engine.addListener(events::add);
      Thread serve =
          new Thread(
              () -> {
                try {
                  exitCode.complete(engine.run());
                } catch (Throwable failure) {
                  exitCode.completeExceptionally(failure);
                }
              },
              "serve-engine-it");
      serve.setDaemon(true);
      serve.start();
      try {
        session.run(sample);
      } finally {
        engine.stop();
        serve.join(TimeUnit.SECONDS.toMillis(30));
        // Should serve itself have failed to stop it, no application outlives the test.
        events.stream()
            .filter(ServeEvent.Ready.class::isInstance)
            .map(e -> ((ServeEvent.Ready) e).pid())
            .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      }
    }

    assertThat(exitCode.get(1, TimeUnit.SECONDS)).isZero();
    // The warm-up may end at any time, also after the application.
    assertThat(events.stream().filter(e -> !(e instanceof ServeEvent.Warm)).toList())
        .last()
        .isInstanceOf(ServeEvent.AppExit.class);
    return eventsFile;
  }

  /** The packaged runtime jar, as serve puts it into the application: agent and launcher. */
  private static Path runtimeJar() throws URISyntaxException {
    Path jar = Path.of(Boot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(jar)
        .as("the packaged hotpatch-runtime jar on the test class path (mvn verify packages it)")
        .isRegularFile();
    return jar;
  }

  /** Waits for the next event of {@code type} after those already awaited. */
  private <T extends ServeEvent> T awaitEvent(Class<T> type) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = eventCursor; i < events.size(); i++) {
        if (type.isInstance(events.get(i))) {
          eventCursor = i + 1;
          return type.cast(events.get(i));
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "No " + type.getSimpleName() + " event within " + WAIT + "; events: " + events + report());
  }

  /** Waits for a line of the application's output holding {@code text}, after those awaited. */
  private void awaitOutput(String text) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = completeLines(output);
      for (int i = outputCursor; i < lines.size(); i++) {
        if (lines.get(i).contains(text)) {
          outputCursor = i + 1;
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "No line '" + text + "' from the application within " + WAIT + report());
  }

  private String report() throws Exception {
    return "\nserve said:\n"
        + String.join("\n", completeLines(serveLog))
        + "\nthe application said:\n"
        + String.join("\n", completeLines(output));
  }

  /** The events file's names, without the warm-up's, which comes whenever it is done. */
  private static List<String> eventNames(Path file) throws Exception {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String name = JSON.readTree(line).path("event").asText();
      if (!name.equals("warm")) {
        names.add(name);
      }
    }
    return names;
  }

  /** The finished lines of a file being written. */
  private static List<String> completeLines(Path file) throws Exception {
    if (file == null || !Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\r?\n", -1));
  }
}
