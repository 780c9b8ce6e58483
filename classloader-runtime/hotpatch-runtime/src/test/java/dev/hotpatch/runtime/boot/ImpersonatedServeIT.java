package dev.hotpatch.runtime.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.FakeServe;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.TestWorkspace;
import dev.hotpatch.testing.NodePeer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Node.js WebSocket server (the {@code ws} package, no hotpatch code) impersonates serve towards
 * a real application JVM started from the shaded runtime jar, and tries what an attacker or a
 * broken serve could: every attempt is refused with one line on the application's standard error,
 * nothing is applied, and the application runs on and takes a proper patch afterwards.
 */
class ImpersonatedServeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5";
  private static final String BUILD = "impersonated.1";

  private static final String MAIN =
      """
      package demo.app;
      import dev.hotpatch.Hot;
      public class Main {
        public static void main(String[] args) throws Exception {
          Thread ticker = new Thread(() -> {
            while (true) {
              System.out.println(Hot.call(() -> "tick " + demo.core.Core.name()));
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                return;
              }
            }
          });
          ticker.setDaemon(true);
          ticker.start();
          System.in.read(); // Until the test is done.
        }
      }
      """;

  @TempDir Path folder;
  private TestWorkspace workspace;
  private Path outside;
  private ModuleVersion appBuild;
  private NodePeer serve;
  private Process application;
  private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
  private final List<String> err = java.util.Collections.synchronizedList(new ArrayList<>());

  private ModuleVersion core(int version, String name) {
    return workspace.module("core", version, List.of(), Map.of("demo.core.Core", core(name)));
  }

  private static String core(String name) {
    return "package demo.core;\npublic final class Core { public static String name() { return \""
        + name
        + "\"; } }\n";
  }

  @BeforeEach
  void startApplicationAgainstTheNodeServer() throws Exception {
    workspace = new TestWorkspace(folder.resolve("session"));
    ModuleVersion core = core(0, "core v0");
    ModuleVersion app = workspace.module("app", 0, List.of("core"), Map.of("demo.app.Main", MAIN));
    // Reloaded with every core: its Hot.call body must link against the new core.
    appBuild = workspace.module("app", 1, List.of("core"), Map.of("demo.app.Main", MAIN));
    // A build outside the session folder that a confined runtime must never load.
    outside = folder.resolve("outside");
    TestWorkspace.compile(
        outside, List.of(TestWorkspace.apiLocation()), Map.of("demo.core.Core", core("evil")));

    serve = NodePeer.start("impersonate-serve.js", SECRET);
    int port = serve.await("listening").get("port").asInt();

    ObjectNode launch = JSON.createObjectNode();
    launch.put("protocol", Protocol.VERSION);
    launch.put("sessionId", "impersonated");
    launch.put("buildId", BUILD);
    launch.put("serverUri", "ws://127.0.0.1:" + port + FakeServe.PATH);
    launch.put("tokenFile", Files.writeString(folder.resolve("token"), SECRET).toString());
    launch.put("parentPid", ProcessHandle.current().pid());
    launch.put("mainClass", "demo.app.Main");
    launch.put("mainModule", "app");
    launch.putArray("args");
    launch.putArray("libraries");
    for (ModuleVersion module : List.of(core, app)) {
      ObjectNode entry = launch.withArray("modules").addObject();
      entry.put("name", module.name()).put("version", module.version());
      entry.putArray("classes").add(module.classes().get(0).toString());
      module.dependencies().forEach(entry.withArray("dependencies")::add);
      entry.withArray("dependencies");
    }
    launch.putArray("patchRoots").add(folder.resolve("session").toString());
    Path launchJson = Files.writeString(folder.resolve("launch.json"), launch.toPrettyString());

    Path jar = Path.of(System.getProperty("hotpatch.runtime.jar", "target/missing.jar"));
    assertThat(jar).as("the packaged runtime jar").exists();
    application =
        new ProcessBuilder(
                BootScenarios.java(),
                "-javaagent:" + jar,
                "-cp",
                jar.toString(),
                Boot.class.getName(),
                TestWorkspace.apiLocation().toString(),
                launchJson.toString())
            .start();
    pump(application.getInputStream(), out::add);
    pump(application.getErrorStream(), err::add);
  }

  @AfterEach
  void stop() throws Exception {
    if (application != null) {
      application.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (serve != null) {
      serve.close();
    }
  }

  private static void pump(InputStream stream, java.util.function.Consumer<String> lines) {
    Thread reader =
        new Thread(
            () ->
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))
                    .lines()
                    .forEach(lines));
    reader.setDaemon(true);
    reader.start();
  }

  private JsonNode hello() throws Exception {
    serve.await("connected");
    JsonNode hello =
        JSON.readTree(
            serve
                .await("hello", e -> e.path("text").asText().contains("hello"))
                .path("text")
                .asText());
    assertThat(hello.get("protocol").asInt()).isEqualTo(Protocol.VERSION);
    assertThat(hello.get("buildId").asText()).isEqualTo(BUILD);
    assertThat(hello.get("pid").asLong()).isEqualTo(application.pid());
    return hello;
  }

  private void send(String text) throws Exception {
    serve.command("send", Map.of("text", text));
    serve.await("done");
  }

  private JsonNode result(long patchId) throws Exception {
    JsonNode event =
        serve.await(
            "the result of patch " + patchId,
            e -> e.path("text").asText().contains("\"patchId\":" + patchId + ","));
    return JSON.readTree(event.path("text").asText());
  }

  private String patch(JsonNode hello, long patchId, Path classes, Map<String, Object> overrides)
      throws Exception {
    ModuleVersion core = new ModuleVersion("core", (int) patchId, List.of(classes), List.of());
    ModuleVersion app =
        new ModuleVersion("app", (int) patchId, appBuild.classes(), appBuild.dependencies());
    ObjectNode patch = (ObjectNode) JSON.readTree(FakeServe.patch(hello, patchId, core, app));
    overrides.forEach((field, value) -> patch.set(field, JSON.valueToTree(value)));
    return patch.toString();
  }

  private void awaitTick(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = out.poll(100, TimeUnit.MILLISECONDS);
      if (expected.equals(line)) {
        return;
      }
    }
    throw new AssertionError("The application never printed " + expected + "; stderr: " + err);
  }

  private long errLines(String start) {
    synchronized (err) {
      return err.stream().filter(line -> line.startsWith("[hotpatch] " + start)).count();
    }
  }

  @Test
  void everyAttackIsRefusedOnceAndTheApplicationRunsOnAndTakesARealPatch() throws Exception {
    JsonNode hello = hello();
    awaitTick("tick core v0");
    Path good = core(1, "core v1").classes().get(0);
    Path traversal = folder.resolve("session/core/../../outside");
    Path link = Files.createSymbolicLink(folder.resolve("session/link"), outside);

    send("{\"type\": \"patch\", \"patchId\": ");
    send("{\"type\": \"exec\", \"command\": \"rm -rf /\"}");
    send(patch(hello, 1, good, Map.of("protocol", 1)));
    assertThat(result(1).get("error").asText())
        .startsWith(
            "Patch 1 refused: serve speaks protocol 1, this runtime supports protocol "
                + Protocol.VERSION);
    send(patch(hello, 2, good, Map.of("pid", 1)));
    assertThat(result(2).get("error").asText()).contains("it is meant for process 1");
    send(patch(hello, 3, good, Map.of("buildId", "another.1")));
    assertThat(result(3).get("error").asText()).contains("it is meant for build \"another.1\"");
    send(patch(hello, 4, traversal, Map.of()));
    assertThat(result(4).get("error").asText()).contains("lies outside the session's output area");
    send(patch(hello, 5, link, Map.of()));
    assertThat(result(5).get("error").asText()).contains("(really " + outside.toRealPath());
    send(patch(hello, 6, good, Map.of("exec", "x")));
    assertThat(result(6).get("error").asText()).contains("unknown field \"exec\"");

    send(patch(hello, 7, good, Map.of()));
    assertThat(result(7).get("ok").asBoolean()).isTrue();
    awaitTick("tick core v1");
    send(patch(hello, 7, link, Map.of()));
    assertThat(result(7).get("error").asText()).contains("Patch 7 refused: patch 7 came already");

    // Unsafe to go on with: the application closes the connection, then connects again.
    serve.command("big", Map.of("size", 2 << 20));
    serve.await("closed");
    hello = hello();
    serve.command("flood", Map.of("count", 1000, "text", "{\"type\":\"noise\"}"));
    serve.await("closed");
    hello = hello();

    Path last = core(8, "core v8").classes().get(0);
    send(patch(hello, 8, last, Map.of()));
    assertThat(result(8).get("ok").asBoolean()).isTrue();
    awaitTick("tick core v8");
    assertThat(application.isAlive()).isTrue();

    assertThat(out).doesNotContain("tick evil");
    List<String> refusals;
    synchronized (err) {
      refusals = List.copyOf(err);
    }
    assertThat(refusals)
        .as("one line per refusal")
        .filteredOn(line -> line.startsWith("[hotpatch] "))
        .hasSize(14);
    assertThat(errLines("A message from serve is unusable: it is not valid JSON")).isEqualTo(1);
    assertThat(errLines("A message from serve has the unknown type \"exec\"")).isEqualTo(1);
    for (int patchId = 1; patchId <= 6; patchId++) {
      assertThat(errLines("Patch " + patchId + " refused")).as("patch " + patchId).isEqualTo(1);
    }
    assertThat(errLines("Patch 7 refused: patch 7 came already")).isEqualTo(1);
    assertThat(errLines("Cannot reach serve at ws://127.0.0.1:")).isEqualTo(2);
    assertThat(refusals)
        .anyMatch(line -> line.contains("serve sent a message of more than 1048576 characters"))
        .anyMatch(line -> line.contains("serve sent more than 100 messages at once"));
    assertThat(errLines("A message from serve has the unknown type \"noise\"")).isEqualTo(1);
    assertThat(errLines("Connected to serve")).isEqualTo(2);
  }
}
