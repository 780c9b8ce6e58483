package dev.hotpatch.maven.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The WebSocket the application connects to, on loopback only. It admits a connection only with the
 * session's secret and without a browser {@code Origin}, then carries patches to the application
 * and their results back.
 */
public final class PatchServer implements AutoCloseable {
  static final String PATH = "/hotpatch";
  private static final long MAX_MESSAGE_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the application says outside of patch results. */
  interface Listener {
    void connected(long pid);

    void disconnected();
  }

  private final Server server;
  private final byte[] expectedAuthorization;
  private final Listener listener;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private volatile Session application;

  private PatchServer(Server server, String secret, Listener listener) {
    this.server = server;
    this.expectedAuthorization = ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
    this.listener = listener;
  }

  /** Starts listening on {@code 127.0.0.1:port}; port 0 lets the system choose. */
  static PatchServer start(int port, String secret, Listener listener) throws Exception {
    quietJettyLogging();
    QueuedThreadPool threads = new QueuedThreadPool(8, 2);
    threads.setName("hotpatch-server");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    PatchServer patchServer = new PatchServer(server, secret, listener);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            container -> {
              container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
              container.setIdleTimeout(Duration.ZERO);
              container.addMapping(PATH, patchServer::admit);
            }));
    try {
      server.start();
    } catch (java.io.IOException e) {
      server.stop();
      // No cause attached: Maven would append the socket error's own wording to the message.
      throw new ServeException(
          "Cannot listen on 127.0.0.1:"
              + port
              + ": the port is in use. Choose another port with -Dhotpatch.port, or 0 to let the"
              + " system choose.");
    }
    return patchServer;
  }

  /**
   * Jetty logs its start and stop at INFO through Maven's SLF4J logger, which reads per-logger
   * levels from system properties when a logger is first created: keep Jetty to warnings.
   */
  private static void quietJettyLogging() {
    String key = "org.slf4j.simpleLogger.log.org.eclipse.jetty";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "warn");
    }
  }

  URI uri() {
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + PATH);
  }

  boolean isConnected() {
    Session session = application;
    return session != null && session.isOpen();
  }

  private synchronized Session awaitApplication(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isConnected()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return application;
  }

  private synchronized void setApplication(Session session) {
    application = session;
    notifyAll();
  }

  /**
   * Sends a patch; the future completes with the application's {@code patch-result}. An application
   * that is starting (or restarting) gets {@code connectTimeout} to connect first.
   */
  CompletableFuture<JsonNode> send(long patchId, Map<String, ?> message, Duration connectTimeout)
      throws InterruptedException {
    Session session = awaitApplication(connectTimeout);
    if (session == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "the application did not connect to serve within "
                  + connectTimeout.toSeconds()
                  + " s"));
    }
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(patchId, result);
    try {
      session.sendText(
          JSON.writeValueAsString(message),
          Callback.from(() -> {}, failure -> fail(patchId, failure)));
    } catch (Exception e) {
      fail(patchId, e);
    }
    return result;
  }

  private void fail(long patchId, Throwable failure) {
    CompletableFuture<JsonNode> result = pending.remove(patchId);
    if (result != null) {
      result.completeExceptionally(failure);
    }
  }

  private Object admit(
      ServerUpgradeRequest request,
      ServerUpgradeResponse response,
      org.eclipse.jetty.util.Callback callback) {
    String origin = request.getHeaders().get("Origin");
    if (origin != null) {
      Response.writeError(request, response, callback, 403, "browsers may not connect");
      return null;
    }
    String authorization = request.getHeaders().get("Authorization");
    byte[] given =
        authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expectedAuthorization)) {
      Response.writeError(request, response, callback, 401, "missing or wrong session secret");
      return null;
    }
    return new Endpoint();
  }

  // Public: Jetty links to endpoint methods through a public lookup.
  public final class Endpoint implements Session.Listener.AutoDemanding {
    private Session session;

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
    }

    @Override
    public void onWebSocketText(String text) {
      JsonNode message;
      try {
        message = JSON.readTree(text);
      } catch (Exception e) {
        return;
      }
      String type = message.path("type").asText("");
      if (type.equals("hello")) {
        setApplication(session);
        listener.connected(message.path("pid").asLong(-1));
      } else if (type.equals("patch-result") && session == application) {
        CompletableFuture<JsonNode> result = pending.remove(message.path("patchId").asLong(-1));
        if (result != null) {
          result.complete(message);
        }
      }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      // A connection ending with the application is normal; onWebSocketClose reports the loss.
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      if (session == application) {
        setApplication(null);
        IllegalStateException lost =
            new IllegalStateException("the application closed its connection");
        pending.values().forEach(result -> result.completeExceptionally(lost));
        pending.clear();
        listener.disconnected();
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
