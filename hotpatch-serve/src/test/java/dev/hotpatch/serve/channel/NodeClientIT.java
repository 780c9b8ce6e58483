package dev.hotpatch.serve.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.PatchResult;
import dev.hotpatch.runtime.channel.PatchClient;
import dev.hotpatch.testing.NodePeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Node.js WebSocket client (the {@code ws} package, no hotpatch code) tries what a process on the
 * same machine could against serve's patch server: every attempt is refused, said once as a {@code
 * [hotpatch]} line, and serve goes on: the real runtime client connects afterwards and its patch
 * goes through.
 */
class NodeClientIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET =
      "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
  private static final String SESSION = "node-session";
  private static final String HELLO =
      "{\"type\":\"hello\",\"protocol\":5,\"sessionId\":\"node-session\",\"buildId\":\"b.1\","
          + "\"pid\":4242}";

  @TempDir Path folder;
  private final ConcurrentLinkedQueue<String> rejections = new ConcurrentLinkedQueue<>();
  private final LinkedBlockingQueue<Long> connected = new LinkedBlockingQueue<>();
  private PatchServer server;

  @BeforeEach
  void startServer() throws Exception {
    server =
        PatchServer.start(
            0,
            SECRET,
            SESSION,
            new PatchServer.Listener() {
              @Override
              public void connected(long pid) {
                connected.add(pid);
              }

              @Override
              public void disconnected() {}

              @Override
              public void rejected(String line) {
                rejections.add(line);
              }
            });
    // The hello the Node.js client says is that of the start serve expects.
    server.expect("b.1");
    server.launched("b.1", 4242);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  private NodePeer client(Map<String, String> headers) throws Exception {
    return NodePeer.start(
        "attack-serve.js", server.uri().toString(), JSON.writeValueAsString(headers));
  }

  private static Map<String, String> secret() {
    return Map.of("Authorization", "Bearer " + SECRET);
  }

  private int refusedStatus(Map<String, String> headers) throws Exception {
    try (NodePeer peer = client(headers)) {
      return peer.await("refused").get("status").asInt();
    }
  }

  /** Connects with the secret, sends {@code messages}, and returns the close frame serve sent. */
  private JsonNode closedAfter(String... messages) throws Exception {
    try (NodePeer peer = client(secret())) {
      peer.await("open");
      for (String message : messages) {
        peer.command("send", Map.of("text", message));
      }
      return peer.await("closed");
    }
  }

  @Test
  void everyAttackIsRefusedOnceAndServeGoesOn() throws Exception {
    assertThat(refusedStatus(Map.of())).isEqualTo(401);
    assertThat(refusedStatus(Map.of("Authorization", "Bearer " + "0".repeat(64)))).isEqualTo(401);
    assertThat(refusedStatus(Map.of("Authorization", "Bearer " + "0".repeat(64)))).isEqualTo(401);
    assertThat(
            refusedStatus(
                Map.of("Authorization", "Bearer " + SECRET, "Origin", "http://evil.example")))
        .isEqualTo(403);

    // Before hello a peer is not known to be the application: a bad message ends the connection.
    assertThat(closedAfter("{\"type\": \"hello\", ").get("code").asInt()).isEqualTo(1008);
    assertThat(closedAfter("{\"type\": \"exec\"}").get("code").asInt()).isEqualTo(1008);
    assertThat(
            closedAfter(HELLO.replace("\"protocol\":5", "\"protocol\":9")).get("reason").asText())
        .contains("speaks protocol 9, this serve supports protocol " + Protocol.VERSION);

    try (NodePeer peer = client(secret())) {
      peer.await("open");
      peer.command("send", Map.of("text", HELLO));
      assertThat(connected.poll(10, TimeUnit.SECONDS)).isEqualTo(4242);
      // After hello a bad message is refused and the connection goes on.
      peer.command("send", Map.of("text", "{\"type\": \"exec\"}"));
      peer.command("send", Map.of("text", "{\"type\": \"exec\"}"));
      peer.command("send", Map.of("text", "[1, 2"));
      // One application at a time.
      assertThat(refusedStatus(secret())).isEqualTo(409);
      peer.command("big", Map.of("size", 2 << 20));
      assertThat(peer.await("closed").get("code").asInt()).isEqualTo(1009);
    }
    try (NodePeer peer = client(secret())) {
      peer.await("open");
      peer.command("send", Map.of("text", HELLO));
      assertThat(connected.poll(10, TimeUnit.SECONDS)).isEqualTo(4242);
      peer.command("flood", Map.of("count", 1000, "text", "{\"type\": \"flood\"}"));
      // Serve closes with 1008; when the flood is still arriving, the peer's socket may be reset
      // before it reads that close frame (1006). Either way the log below says it once.
      assertThat(peer.await("closed").get("code").asInt()).isIn(1008, 1006);
    }

    // The runtime's own client, as the application runs it, connects and gets a patch.
    server.expect(SESSION + ".1");
    server.launched(SESSION + ".1", ProcessHandle.current().pid());
    Path token = Files.writeString(folder.resolve("token"), SECRET);
    LinkedBlockingQueue<Long> applied = new LinkedBlockingQueue<>();
    try (PatchClient application =
        PatchClient.start(
            new PatchClient.Settings(
                server.uri(),
                token,
                SESSION,
                SESSION + ".1",
                List.of(folder),
                Duration.ofMillis(50),
                Duration.ofMillis(500),
                null,
                null,
                null),
            (patchId, modules) -> {
              applied.add(patchId);
              return PatchResult.applied(patchId, 1, 0, List.of());
            })) {
      assertThat(connected.poll(10, TimeUnit.SECONDS)).isEqualTo(ProcessHandle.current().pid());
      JsonNode result =
          server
              .send(1, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(10))
              .get(10, TimeUnit.SECONDS);
      assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
      assertThat(applied).containsExactly(1L);
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(rejections).hasSizeGreaterThanOrEqualTo(12));
    assertThat(rejections)
        .containsExactly(
            "Refused a connection without the session secret.",
            "Refused a connection with a wrong session secret.",
            "Refused a connection from a browser page (Origin http://evil.example): pages may not"
                + " talk to serve.",
            "Refused a message and closed the connection: it is not valid JSON (Unexpected"
                + " end-of-input within/between Object entries).",
            "Refused a message and closed the connection: it has the unknown type \"exec\" (the"
                + " application sends \"hello\", \"patch-result\", \"restart-result\" and \"app-failed\").",
            "Refused a message and closed the connection: the application speaks protocol 9, this"
                + " serve supports protocol "
                + Protocol.VERSION
                + ". Use the same hotpatch version for the plugin and the runtime.",
            "Refused a message from the application: it has the unknown type \"exec\" (the"
                + " application sends \"hello\", \"patch-result\", \"restart-result\" and \"app-failed\").",
            "Refused a message from the application: it is not valid JSON (Unexpected end-of-input:"
                + " expected close marker for Array).",
            "Refused a second connection with the session secret: the application is connected"
                + " already, and serve talks to one application at a time.",
            "Refused a message of more than 1048576 bytes (binary: 1024) and closed the"
                + " connection.",
            "Refused a message from the application: it has the unknown type \"flood\" (the"
                + " application sends \"hello\", \"patch-result\", \"restart-result\" and \"app-failed\").",
            "Refused a message and closed the connection: it sent more than 100 messages at once,"
                + " more than the application ever does.");
  }
}
