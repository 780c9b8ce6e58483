package dev.hotpatch.serve.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.protocol.Limits;
import dev.hotpatch.protocol.Protocol;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The patch server against the JDK's own WebSocket client. */
class PatchServerTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final String HELLO =
      "{\"type\":\"hello\",\"protocol\":5,\"sessionId\":\"session-1\",\"buildId\":\"session-1.1\","
          + "\"pid\":4242}";
  private final LinkedBlockingQueue<Long> connectedPids = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<String> rejections = new ConcurrentLinkedQueue<>();
  private final LinkedBlockingQueue<String> failures = new LinkedBlockingQueue<>();
  private final PatchServer server;

  PatchServerTest() throws Exception {
    server = start("session-1", SECRET);
    // As the launcher does for each start: the build id first, the process once it runs.
    server.expect("session-1.1");
    server.launched("session-1.1", 4242);
  }

  private PatchServer start(String session, String secret) throws Exception {
    return PatchServer.start(
        0,
        secret,
        session,
        new PatchServer.Listener() {
          @Override
          public void connected(long pid) {
            connectedPids.add(pid);
          }

          @Override
          public void disconnected() {}

          @Override
          public void rejected(String line) {
            rejections.add(line);
          }

          @Override
          public void applicationFailed(String error, String fallback) {
            failures.add(error + " | " + fallback);
          }
        });
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** A peer that records what it receives and how its connection ends. */
  private static final class Peer implements WebSocket.Listener {
    final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      received.add(data.toString());
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    /** The connection broke without a close frame reaching this end (a reset while it sent). */
    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("broken: " + error);
    }
  }

  private CompletableFuture<WebSocket> connect(
      PatchServer to, Map<String, String> headers, WebSocket.Listener listener) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(builder::header);
    return builder.buildAsync(to.uri(), listener);
  }

  private CompletableFuture<WebSocket> connect(
      Map<String, String> headers, WebSocket.Listener listener) {
    return connect(server, headers, listener);
  }

  private WebSocket application(Peer peer) throws Exception {
    WebSocket app =
        connect(Map.of("Authorization", "Bearer " + SECRET), peer).get(10, TimeUnit.SECONDS);
    app.sendText(HELLO, true).get();
    assertThat(connectedPids.poll(10, TimeUnit.SECONDS)).isEqualTo(4242L);
    return app;
  }

  private static int refusedStatus(CompletableFuture<WebSocket> attempt) {
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> attempt.get(10, TimeUnit.SECONDS));
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
    assertThat(
            refusedStatus(
                connect(Map.of("Authorization", "Bearer wrong"), new WebSocket.Listener() {})))
        .isEqualTo(401);
    assertThat(server.isConnected()).isFalse();
    assertThat(rejections)
        .containsExactly(
            "Refused a connection without the session secret.",
            "Refused a connection with a wrong session secret.");
  }

  @Test
  void aBrowserOriginIsRefusedEvenWithTheSecret() {
    assertThat(
            refusedStatus(
                connect(
                    Map.of("Authorization", "Bearer " + SECRET, "Origin", "http://evil.example"),
                    new WebSocket.Listener() {})))
        .isEqualTo(403);
    assertThat(rejections).singleElement().asString().contains("Origin http://evil.example");
  }

  @Test
  void aPatchTravelsAddressedToTheApplicationAndItsResultComesBack() throws Exception {
    Peer peer = new Peer();
    WebSocket app = application(peer);

    CompletableFuture<JsonNode> result =
        server.send(7, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(5));
    JsonNode patch = new ObjectMapper().readTree(peer.received.poll(10, TimeUnit.SECONDS));
    assertThat(patch.get("type").asText()).isEqualTo("patch");
    assertThat(patch.get("protocol").asInt()).isEqualTo(Protocol.VERSION);
    assertThat(patch.get("patchId").asLong()).isEqualTo(7);
    assertThat(patch.get("pid").asLong()).isEqualTo(4242);
    assertThat(patch.get("buildId").asText()).isEqualTo("session-1.1");
    app.sendText("{\"type\":\"patch-result\",\"patchId\":7,\"ok\":true,\"loadMillis\":3}", true)
        .get();
    assertThat(result.get(10, TimeUnit.SECONDS).path("loadMillis").asInt()).isEqualTo(3);
    assertThat(rejections).isEmpty();
  }

  @Test
  void aWarmRestartKeepsTheConnectionAndAddressesTheNewBuildFromThenOn() throws Exception {
    Peer peer = new Peer();
    WebSocket app = application(peer);
    WarmRestart restarts = WarmRestart.through(server);

    CompletableFuture<WarmRestart.Outcome> outcome =
        CompletableFuture.supplyAsync(
            () -> restarts.restart(8, "session-1.2", Duration.ofMillis(1500)));
    JsonNode restart = new ObjectMapper().readTree(peer.received.poll(10, TimeUnit.SECONDS));
    assertThat(restart.get("type").asText()).isEqualTo("restart");
    assertThat(restart.get("patchId").asLong()).isEqualTo(8);
    assertThat(restart.get("buildId").asText()).isEqualTo("session-1.1");
    assertThat(restart.get("nextBuildId").asText()).isEqualTo("session-1.2");
    assertThat(restart.get("stopTimeoutMillis").asLong()).isEqualTo(1500);
    app.sendText(
            "{\"type\":\"restart-result\",\"patchId\":8,\"ok\":true,\"stopMillis\":40,"
                + "\"startMillis\":9}",
            true)
        .get();
    // The failure of the new start's main comes after the answer, and names the new build.
    app.sendText("{\"type\":\"app-failed\",\"buildId\":\"session-1.2\",\"error\":\"boom\"}", true)
        .get();

    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isEqualTo(new WarmRestart.Outcome(WarmRestart.Kind.STARTED, null, 40, 9));
    assertThat(failures.poll(10, TimeUnit.SECONDS)).isEqualTo("boom | null");
    server.send(9, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(5));
    JsonNode patch = new ObjectMapper().readTree(peer.received.poll(10, TimeUnit.SECONDS));
    assertThat(patch.get("buildId").asText()).isEqualTo("session-1.2");
    assertThat(rejections).isEmpty();
  }

  @Test
  void aRestartTheApplicationCannotDoInItsJvmIsAFallbackWithItsReason() throws Exception {
    Peer peer = new Peer();
    WebSocket app = application(peer);

    CompletableFuture<WarmRestart.Outcome> outcome =
        CompletableFuture.supplyAsync(
            () -> WarmRestart.through(server).restart(3, "session-1.2", Duration.ZERO));
    peer.received.poll(10, TimeUnit.SECONDS);
    app.sendText(
            "{\"type\":\"restart-result\",\"patchId\":3,\"ok\":false,\"stopMillis\":0,"
                + "\"startMillis\":0,\"fallback\":\"nothing to stop it with\"}",
            true)
        .get();

    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isEqualTo(
            new WarmRestart.Outcome(WarmRestart.Kind.FALLBACK, "nothing to stop it with", 0, 0));
    // Still the old build: an app-failed of the build that never started is not the application's.
    app.sendText("{\"type\":\"app-failed\",\"buildId\":\"session-1.2\",\"error\":\"boom\"}", true)
        .get();
    server.send(4, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(5));
    assertThat(
            new ObjectMapper()
                .readTree(peer.received.poll(10, TimeUnit.SECONDS))
                .get("buildId")
                .asText())
        .isEqualTo("session-1.1");
    assertThat(failures).isEmpty();
  }

  @Test
  void aRestartWithoutAConnectedApplicationIsAFallbackAtOnce() {
    assertThat(WarmRestart.through(server).restart(1, "session-1.2", Duration.ofSeconds(5)))
        .isEqualTo(WarmRestart.Outcome.fallback("the application is not connected to serve"));
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

  @Test
  void aSecondConnectionWithTheSecretIsRefusedWhileTheApplicationIsConnected() throws Exception {
    application(new Peer());

    assertThat(
            refusedStatus(
                connect(Map.of("Authorization", "Bearer " + SECRET), new WebSocket.Listener() {})))
        .isEqualTo(409);
    assertThat(rejections).singleElement().asString().startsWith("Refused a second connection");
    assertThat(server.isConnected()).isTrue();
  }

  @Test
  void aHelloOfAnotherProtocolIsRefusedNamingTheSupportedOnes() throws Exception {
    Peer peer = new Peer();
    WebSocket app =
        connect(Map.of("Authorization", "Bearer " + SECRET), peer).get(10, TimeUnit.SECONDS);
    app.sendText(HELLO.replace("\"protocol\":5", "\"protocol\":1"), true).get();

    assertThat(peer.closed.get(10, TimeUnit.SECONDS)).startsWith("1008 ");
    assertThat(rejections)
        .containsExactly(
            "Refused a message and closed the connection: the application speaks protocol 1,"
                + " this serve supports protocol "
                + Protocol.VERSION
                + ". Use the same hotpatch version for the plugin and the runtime.");
    assertThat(connectedPids).isEmpty();
  }

  @Test
  void aHelloOfAnotherSessionIsRefused() throws Exception {
    Peer peer = new Peer();
    WebSocket app =
        connect(Map.of("Authorization", "Bearer " + SECRET), peer).get(10, TimeUnit.SECONDS);
    app.sendText(HELLO.replace("session-1\"", "session-2\""), true).get();

    assertThat(peer.closed.get(10, TimeUnit.SECONDS)).startsWith("1008 ");
    assertThat(rejections).singleElement().asString().contains("names session \"session-2\"");
  }

  @Test
  void aBadMessageAfterHelloIsLoggedOnceAndTheConnectionGoesOn() throws Exception {
    Peer peer = new Peer();
    WebSocket app = application(peer);

    app.sendText("{\"type\":\"reboot\"}", true).get();
    app.sendText("{\"type\":\"reboot\"}", true).get();
    app.sendText("not json", true).get();
    CompletableFuture<JsonNode> result =
        server.send(8, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(5));
    peer.received.poll(10, TimeUnit.SECONDS);
    app.sendText("{\"type\":\"patch-result\",\"patchId\":8,\"ok\":true,\"loadMillis\":1}", true)
        .get();

    assertThat(result.get(10, TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();
    assertThat(rejections)
        .hasSize(2)
        .first()
        .asString()
        .isEqualTo(
            "Refused a message from the application: it has the unknown type \"reboot\" (the"
                + " application sends \"hello\", \"patch-result\", \"restart-result\" and \"app-failed\").");
    assertThat(rejections).last().asString().contains("it is not valid JSON");
  }

  @Test
  void anUnusableResultFailsItsPatchWithTheReason() throws Exception {
    Peer peer = new Peer();
    WebSocket app = application(peer);
    CompletableFuture<JsonNode> result =
        server.send(9, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(5));
    peer.received.poll(10, TimeUnit.SECONDS);

    app.sendText("{\"type\":\"patch-result\",\"patchId\":9,\"ok\":\"yes\",\"loadMillis\":1}", true)
        .get();

    assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
        .hasMessageContaining("field \"ok\" must be true or false");
  }

  @Test
  void aFloodIsCutOffWithOneLine() throws Exception {
    Peer peer = new Peer();
    WebSocket app = application(peer);

    for (int i = 0; i <= Limits.BURST + 50 && !peer.closed.isDone(); i++) {
      try {
        app.sendText("{\"type\":\"patch-result\",\"patchId\":1,\"ok\":true,\"loadMillis\":1}", true)
            .get();
      } catch (ExecutionException e) {
        break; // serve closed the connection before the client learned of it
      }
    }

    // Serve closes with 1008; when the flood is still arriving, the socket may be reset before this
    // end reads that close frame. Either way serve says it once.
    assertThat(peer.closed.get(10, TimeUnit.SECONDS)).matches("1008 .*|broken: .*");
    assertThat(rejections)
        .containsExactly(
            "Refused a message and closed the connection: it sent more than 100 messages at once,"
                + " more than the application ever does.");
  }

  @Test
  void anOversizedMessageClosesTheConnection() throws Exception {
    Peer peer = new Peer();
    WebSocket app = application(peer);

    app.sendText("x".repeat(Limits.MAX_TEXT_MESSAGE + 1), true);

    assertThat(peer.closed.get(10, TimeUnit.SECONDS)).startsWith("1009 ");
    // Jetty may send the close frame before it tells the endpoint why.
    await().atMost(Duration.ofSeconds(10)).until(() -> !rejections.isEmpty());
    assertThat(rejections).singleElement().asString().startsWith("Refused a message of more than");
  }

  @Test
  void twoSessionsOnOneMachineDoNotInterfere() throws Exception {
    try (PatchServer other = start("session-2", "fedcba9876543210fedcba9876543210")) {
      assertThat(other.uri().getPort()).isNotEqualTo(server.uri().getPort());
      application(new Peer());

      // This session's secret does not open the other one, which has no application yet.
      assertThat(
              refusedStatus(
                  connect(
                      other,
                      Map.of("Authorization", "Bearer " + SECRET),
                      new WebSocket.Listener() {})))
          .isEqualTo(401);
      assertThat(server.isConnected()).isTrue();
      assertThat(other.isConnected()).isFalse();
    }
  }

  @Test
  void aPatchMayNotSetItsOwnAddress() {
    assertThatThrownBy(
            () -> server.send(3, Map.of("type", "patch", "pid", 1), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pid");
  }

  private Peer helloRefused(String hello) throws Exception {
    Peer peer = new Peer();
    WebSocket app =
        connect(Map.of("Authorization", "Bearer " + SECRET), peer).get(10, TimeUnit.SECONDS);
    app.sendText(hello, true).get();
    assertThat(peer.closed.get(10, TimeUnit.SECONDS)).startsWith("1008 ");
    return peer;
  }

  @Test
  void aHelloOfAnotherProcessIsRefused() throws Exception {
    helloRefused(HELLO.replace("4242", "999"));

    assertThat(rejections)
        .containsExactly(
            "Refused a message and closed the connection: its hello names process 999, and serve"
                + " started build \"session-1.1\" as process 4242 (a process serve did not"
                + " start).");
    assertThat(connectedPids).isEmpty();
    assertThat(server.isConnected()).isFalse();
  }

  @Test
  void aHelloOfAnEarlierStartIsRefusedAndTheCurrentStartGetsThePatch() throws Exception {
    server.expect("session-1.2");
    server.launched("session-1.2", 4343);

    helloRefused(HELLO);
    helloRefused(HELLO.replace("session-1.1", "session-1.0"));
    helloRefused(HELLO.replace("session-1.1", "session-1.2"));
    assertThat(connectedPids).isEmpty();

    Peer peer = new Peer();
    WebSocket app =
        connect(Map.of("Authorization", "Bearer " + SECRET), peer).get(10, TimeUnit.SECONDS);
    app.sendText(HELLO.replace("session-1.1", "session-1.2").replace("4242", "4343"), true).get();
    assertThat(connectedPids.poll(10, TimeUnit.SECONDS)).isEqualTo(4343L);
    server.send(4, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(5));
    JsonNode patch = new ObjectMapper().readTree(peer.received.poll(10, TimeUnit.SECONDS));
    assertThat(patch.get("pid").asLong()).isEqualTo(4343);
    assertThat(patch.get("buildId").asText()).isEqualTo("session-1.2");
    assertThat(rejections)
        .containsExactly(
            "Refused a message and closed the connection: its hello names build"
                + " \"session-1.1\", and the application serve started is build \"session-1.2\""
                + " (an application of an earlier start, or a process serve did not start).",
            "Refused a message and closed the connection: its hello names process 4242, and serve"
                + " started build \"session-1.2\" as process 4343 (a process serve did not"
                + " start).");
  }

  @Test
  void aHelloIsRefusedWhenServeStartedNoApplication() throws Exception {
    try (PatchServer idle = start("session-1", SECRET)) {
      Peer peer = new Peer();
      WebSocket app =
          connect(idle, Map.of("Authorization", "Bearer " + SECRET), peer)
              .get(10, TimeUnit.SECONDS);
      app.sendText(HELLO, true).get();

      assertThat(peer.closed.get(10, TimeUnit.SECONDS)).startsWith("1008 ");
      assertThat(rejections)
          .containsExactly(
              "Refused a message and closed the connection: its hello names build"
                  + " \"session-1.1\", and serve has started no application.");
    }
  }

  @Test
  void aHelloThatComesBeforeServeKnowsTheProcessIsAcceptedOnceItDoes() throws Exception {
    server.expect("session-1.2");
    Peer peer = new Peer();
    WebSocket app =
        connect(Map.of("Authorization", "Bearer " + SECRET), peer).get(10, TimeUnit.SECONDS);
    app.sendText(HELLO.replace("session-1.1", "session-1.2"), true).get();

    server.launched("session-1.2", 4242);

    assertThat(connectedPids.poll(10, TimeUnit.SECONDS)).isEqualTo(4242L);
    assertThat(rejections).isEmpty();
  }

  @Test
  void startingTheApplicationAgainClosesTheEarlierStartsConnection() throws Exception {
    Peer earlier = new Peer();
    application(earlier);
    CompletableFuture<JsonNode> inFlight =
        server.send(5, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(5));
    earlier.received.poll(10, TimeUnit.SECONDS);

    server.expect("session-1.2");

    assertThat(earlier.closed.get(10, TimeUnit.SECONDS)).startsWith("1000 ");
    assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS))
        .hasMessageContaining("serve started the application again");
    assertThat(server.isConnected()).isFalse();
    assertThat(rejections).isEmpty();
  }

  /** A Jetty session that only records how it was closed. */
  private static Session closedSession(List<String> closes) {
    boolean[] open = {true};
    return (Session)
        Proxy.newProxyInstance(
            Session.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "isOpen" -> open[0];
                  case "close" -> {
                    if (args != null && args.length == 3) {
                      closes.add(args[0] + " " + args[1]);
                    }
                    open[0] = false;
                    yield null;
                  }
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  case "toString" -> "test session";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void aLosingDuplicateConnectionCanNeitherTakeOverNorEndTheApplication() throws Exception {
    Peer peer = new Peer();
    WebSocket app = application(peer);
    // As Jetty runs a second upgrade that passed admission beside the first, frames included.
    List<String> closes = Collections.synchronizedList(new ArrayList<>());
    PatchServer.Endpoint duplicate = server.new Endpoint();
    duplicate.onWebSocketOpen(closedSession(closes));
    duplicate.onWebSocketText(HELLO);
    duplicate.onWebSocketClose(1008, "an application is connected");

    assertThat(closes).containsExactly("1008 an application is connected");
    assertThat(server.isConnected()).isTrue();
    CompletableFuture<JsonNode> result =
        server.send(6, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(5));
    JsonNode patch = new ObjectMapper().readTree(peer.received.poll(10, TimeUnit.SECONDS));
    assertThat(patch.get("patchId").asLong()).isEqualTo(6);
    app.sendText("{\"type\":\"patch-result\",\"patchId\":6,\"ok\":true,\"loadMillis\":1}", true)
        .get();
    assertThat(result.get(10, TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();
    assertThat(connectedPids).isEmpty();
    assertThat(rejections).singleElement().asString().startsWith("Refused a second connection");
  }

  @Test
  void aRefusalOnANewConnectionIsSaidAgain() throws Exception {
    for (int connection = 0; connection < 2; connection++) {
      Peer peer = new Peer();
      WebSocket app = application(peer);
      app.sendText("{\"type\":\"reboot\"}", true).get();
      app.sendText("{\"type\":\"reboot\"}", true).get();
      // The reply proves the refusals before it were handled.
      server.send(
          10 + connection, Map.of("type", "patch", "modules", List.of()), Duration.ofSeconds(5));
      peer.received.poll(10, TimeUnit.SECONDS);
      app.sendText(
              "{\"type\":\"patch-result\",\"patchId\":"
                  + (10 + connection)
                  + ",\"ok\":true,\"loadMillis\":1}",
              true)
          .get();
      app.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get();
      peer.closed.get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> !server.isConnected());
    }

    assertThat(rejections)
        .containsExactly(
            "Refused a message from the application: it has the unknown type \"reboot\" (the"
                + " application sends \"hello\", \"patch-result\", \"restart-result\" and \"app-failed\").",
            "Refused a message from the application: it has the unknown type \"reboot\" (the"
                + " application sends \"hello\", \"patch-result\", \"restart-result\" and \"app-failed\").");
  }

  @Test
  void browserPagesAreRefusedInOneLineWhateverTheirOrigin() {
    for (int page = 0; page < 3; page++) {
      assertThat(
              refusedStatus(
                  connect(
                      Map.of("Authorization", "Bearer " + SECRET, "Origin", "http://p" + page),
                      new WebSocket.Listener() {})))
          .isEqualTo(403);
    }
    assertThat(rejections).singleElement().asString().contains("Origin http://p0");
  }
}
