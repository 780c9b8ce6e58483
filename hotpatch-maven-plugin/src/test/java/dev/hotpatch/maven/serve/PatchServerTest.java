package dev.hotpatch.maven.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The patch server against the JDK's own WebSocket client. */
class PatchServerTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private final LinkedBlockingQueue<Long> connectedPids = new LinkedBlockingQueue<>();
  private final PatchServer server;

  PatchServerTest() throws Exception {
    server =
        PatchServer.start(
            0,
            SECRET,
            new PatchServer.Listener() {
              @Override
              public void connected(long pid) {
                connectedPids.add(pid);
              }

              @Override
              public void disconnected() {}
            });
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private CompletableFuture<WebSocket> connect(
      Map<String, String> headers, WebSocket.Listener listener) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(builder::header);
    return builder.buildAsync(server.uri(), listener);
  }

  private static int refusedStatus(CompletableFuture<WebSocket> attempt) {
    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> attempt.get(10, TimeUnit.SECONDS));
    assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void aConnectionWithoutTheSecretIsRefused() {
    assertThat(refusedStatus(connect(Map.of(), new WebSocket.Listener() {}))).isEqualTo(401);
    assertThat(
            refusedStatus(
                connect(Map.of("Authorization", "Bearer wrong"), new WebSocket.Listener() {})))
        .isEqualTo(401);
    assertThat(server.isConnected()).isFalse();
  }

  @Test
  void aBrowserOriginIsRefusedEvenWithTheSecret() {
    assertThat(
            refusedStatus(
                connect(
                    Map.of("Authorization", "Bearer " + SECRET, "Origin", "http://evil.example"),
                    new WebSocket.Listener() {})))
        .isEqualTo(403);
  }

  @Test
  void aPatchTravelsToTheApplicationAndItsResultComesBack() throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket app =
        connect(
                Map.of("Authorization", "Bearer " + SECRET),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(
                      WebSocket webSocket, CharSequence data, boolean last) {
                    received.add(data.toString());
                    webSocket.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    app.sendText("{\"type\":\"hello\",\"protocol\":1,\"pid\":4242}", true).get();
    assertThat(connectedPids.poll(10, TimeUnit.SECONDS)).isEqualTo(4242L);

    CompletableFuture<JsonNode> result =
        server.send(
            7,
            Map.of("type", "patch", "patchId", 7, "modules", java.util.List.of()),
            Duration.ofSeconds(5));
    assertThat(received.poll(10, TimeUnit.SECONDS)).contains("\"patchId\":7");
    app.sendText("{\"type\":\"patch-result\",\"patchId\":7,\"ok\":true,\"loadMillis\":3}", true)
        .get();
    assertThat(result.get(10, TimeUnit.SECONDS).path("loadMillis").asInt()).isEqualTo(3);
  }

  @Test
  void sendingWaitsForTheApplicationOnlyAsLongAsItIsTold() {
    assertThatThrownBy(
            () ->
                server
                    .send(1, Map.of("type", "patch"), Duration.ofMillis(200))
                    .get(1, TimeUnit.SECONDS))
        .hasMessageContaining("did not connect to serve within");
  }
}
