package dev.hotpatch.runtime.channel;

import static dev.hotpatch.runtime.FakeServe.patch;
import static dev.hotpatch.runtime.Reflect.callStatic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.HotBridges;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.DemoModules;
import dev.hotpatch.runtime.FakeServe;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.StableClasses;
import dev.hotpatch.runtime.TestWorkspace;
import dev.hotpatch.runtime.patch.HotRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchClientTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @TempDir Path folder;
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private Path tokenFile;
  private FakeServe serve;
  private PatchClient client;

  @BeforeEach
  void captureStandardError() throws IOException {
    originalErr = System.err;
    System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    tokenFile = Files.writeString(folder.resolve("token"), SECRET + "\n");
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (client != null) {
      client.close();
    }
    if (serve != null) {
      serve.close();
    }
    System.setErr(originalErr);
    HotBridges.install(null);
  }

  private PatchClient startClient(int port, PatchClient.Patcher patcher) {
    return PatchClient.start(settings(port), patcher);
  }

  private PatchClient.Settings settings(int port) {
    return new PatchClient.Settings(
        URI.create("ws://127.0.0.1:" + port + FakeServe.PATH),
        tokenFile,
        "session-1",
        "session-1.1",
        List.of(folder),
        Duration.ofMillis(50),
        Duration.ofMillis(300),
        null,
        null,
        null);
  }

  private long linesStartingWith(String start) {
    return errors.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(start)).count();
  }

  @Test
  void saysHelloThenAnswersEveryPatchAndRefusesAReplayedOne() throws Exception {
    DemoModules demo = new DemoModules(new TestWorkspace(folder.resolve("workspace")));
    List<ModuleVersion> modules = List.of(demo.core(0), demo.lib(0), demo.app(0));
    HotRuntime runtime =
        HotRuntime.create(getClass().getClassLoader(), modules, StableClasses.of(modules));
    runtime.installBridge("app");
    serve = FakeServe.start(SECRET, 0);

    client = startClient(serve.port(), runtime::apply);

    JsonNode hello = serve.next();
    assertThat(hello.get("type").asText()).isEqualTo("hello");
    assertThat(hello.get("protocol").asInt()).isEqualTo(Protocol.VERSION);
    assertThat(hello.get("sessionId").asText()).isEqualTo("session-1");
    assertThat(hello.get("buildId").asText()).isEqualTo("session-1.1");
    assertThat(hello.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());

    serve.sendInTwoFrames(patch(hello, 1, demo.app(1)));
    JsonNode applied = serve.next();
    assertThat(applied.get("type").asText()).isEqualTo("patch-result");
    assertThat(applied.get("patchId").asLong()).isEqualTo(1);
    assertThat(applied.get("ok").asBoolean()).as(applied.toString()).isTrue();
    assertThat(applied.get("loadMillis").isIntegralNumber()).isTrue();
    assertThat(applied.get("warnings").isArray()).isTrue();
    assertThat(applied.has("error")).isFalse();
    assertThat(callStatic(runtime.loader("app"), "demo.app.App", "greet"))
        .isEqualTo("app1:lib0(core0)");

    serve.send(patch(hello, 1, demo.app(2)));
    JsonNode replayed = serve.next();
    assertThat(replayed.get("patchId").asLong()).isEqualTo(1);
    assertThat(replayed.get("ok").asBoolean()).isFalse();
    assertThat(replayed.get("error").asText()).contains("Patch 1 refused");
    assertThat(replayed.has("warnings")).isFalse();
    assertThat(runtime.version()).isEqualTo(1);
    assertThat(callStatic(runtime.loader("app"), "demo.app.App", "greet"))
        .isEqualTo("app1:lib0(core0)");

    serve.send(
        "{\"type\":\"patch\",\"protocol\":5,\"patchId\":2,\"pid\":"
            + ProcessHandle.current().pid()
            + ",\"buildId\":\"session-1.1\"}");
    JsonNode malformed = serve.next();
    assertThat(malformed.get("patchId").asLong()).isEqualTo(2);
    assertThat(malformed.get("ok").asBoolean()).isFalse();
    assertThat(malformed.get("error").asText()).contains("\"modules\"");
    // Each refusal is one line on the application's standard error too.
    assertThat(linesStartingWith("[hotpatch] Patch 1 refused")).isEqualTo(1);
    assertThat(linesStartingWith("[hotpatch] Patch 2 refused")).isEqualTo(1);
  }

  @Test
  void aRestartIsAnsweredAndTheApplicationIsTheNewBuildFromThenOn() throws Exception {
    serve = FakeServe.start(SECRET, 0);
    List<String> restarted = new java.util.concurrent.CopyOnWriteArrayList<>();
    client =
        PatchClient.start(
            settings(serve.port()),
            (patchId, modules) ->
                dev.hotpatch.runtime.PatchResult.applied(patchId, 1, 0, List.of()),
            (restartId, nextBuildId, stopTimeout, answer) -> {
              restarted.add(nextBuildId + " in " + stopTimeout.toMillis() + " ms");
              answer.accept(dev.hotpatch.runtime.RestartResult.started(restartId, 12, 3));
            });
    JsonNode hello = serve.next();
    long pid = ProcessHandle.current().pid();

    serve.send(
        "{\"type\":\"restart\",\"protocol\":5,\"patchId\":1,\"pid\":"
            + pid
            + ",\"buildId\":\"session-1.1\",\"nextBuildId\":\"session-1.2\",\"stopTimeoutMillis\":2500}");
    JsonNode result = serve.next();
    assertThat(result.get("type").asText()).isEqualTo("restart-result");
    assertThat(result.get("patchId").asLong()).isEqualTo(1);
    assertThat(result.get("ok").asBoolean()).isTrue();
    assertThat(result.get("stopMillis").asLong()).isEqualTo(12);
    assertThat(result.get("startMillis").asLong()).isEqualTo(3);
    assertThat(restarted).containsExactly("session-1.2 in 2500 ms");

    // Patches name the new build now; the old one is refused.
    serve.send(patch(hello, 2, new ModuleVersion("app", 1, List.of(folder), List.of())));
    assertThat(serve.next().get("error").asText())
        .contains("it is meant for build \"session-1.1\", this is build \"session-1.2\"");
    client.appFailed("java.lang.IllegalStateException: boom", null);
    JsonNode failed = serve.next();
    assertThat(failed.get("type").asText()).isEqualTo("app-failed");
    assertThat(failed.get("buildId").asText()).isEqualTo("session-1.2");
    assertThat(failed.get("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(failed.has("fallback")).isFalse();
  }

  @Test
  void aClientWithoutRestartsAnswersThatOnlyANewJvmCanRestart() throws Exception {
    serve = FakeServe.start(SECRET, 0);
    client = startClient(serve.port(), (patchId, modules) -> null);
    serve.next();

    serve.send(
        "{\"type\":\"restart\",\"protocol\":5,\"patchId\":1,\"pid\":"
            + ProcessHandle.current().pid()
            + ",\"buildId\":\"session-1.1\",\"nextBuildId\":\"session-1.2\",\"stopTimeoutMillis\":0}");
    JsonNode result = serve.next();
    assertThat(result.get("type").asText()).isEqualTo("restart-result");
    assertThat(result.get("ok").asBoolean()).isFalse();
    assertThat(result.get("fallback").asText())
        .isEqualTo("this application cannot restart inside its JVM");
  }

  @Test
  void unreachableServeIsReportedOnceAndTheClientConnectsWhenItComesUp() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    client = startClient(port, (patchId, modules) -> null);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> linesStartingWith("[hotpatch] Cannot reach serve") == 1);
    Thread.sleep(700); // Several retries, still one line.
    assertThat(linesStartingWith("[hotpatch] Cannot reach serve")).isEqualTo(1);
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("connection refused");

    serve = FakeServe.start(SECRET, port);
    assertThat(serve.next().get("type").asText()).isEqualTo("hello");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> linesStartingWith("[hotpatch] Connected to serve") == 1);

    serve.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> linesStartingWith("[hotpatch] Cannot reach serve") == 2);
    serve = FakeServe.start(SECRET, port);
    assertThat(serve.next().get("type").asText()).isEqualTo("hello");
  }

  @Test
  void refusedSecretIsReported() throws Exception {
    serve = FakeServe.start(SECRET, 0);
    Files.writeString(tokenFile, "not-the-secret");

    client = startClient(serve.port(), (patchId, modules) -> null);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> linesStartingWith("[hotpatch] Cannot reach serve") == 1);
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("HTTP 401");
    assertThat(serve.nothingReceived()).isTrue();
  }
}
