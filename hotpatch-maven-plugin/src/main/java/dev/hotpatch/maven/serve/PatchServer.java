package dev.hotpatch.maven.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The WebSocket the application connects to, on loopback only. It admits one connection at a time,
 * only with the session's secret and without a browser {@code Origin}; the connection must say
 * {@code hello} in this session's protocol first; then it carries patches to the application and
 * their results back. Every message is checked ({@link ClientMessages}); every refusal is one
 * {@code [hotpatch]} line, and the connection is closed only where going on is not safe.
 */
public final class PatchServer implements AutoCloseable {
  static final String PATH = "/hotpatch";

  /** Patch results are short; a patch message names folders, never class bytes. */
  static final int MAX_MESSAGE_BYTES = 1 << 20;

  /** The protocol has no binary messages: one of any size is refused, a large one is cut off. */
  private static final int MAX_BINARY_BYTES = 1 << 10;

  static final int BURST = 100;
  static final int PER_SECOND = 100;

  /** Close code for a peer that broke the protocol (RFC 6455: policy violation). */
  private static final int POLICY = StatusCode.POLICY_VIOLATION;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the application says outside of patch results. */
  interface Listener {
    void connected(long pid);

    void disconnected();

    /** One refusal, in a sentence; the server has already made sure it is said only once. */
    void rejected(String line);
  }

  /** The connected application as its hello described it; patches are addressed to it. */
  private record Application(Session session, long pid, String buildId) {}

  private final Server server;
  private final byte[] expectedAuthorization;
  private final String sessionId;
  private final Listener listener;
  private final RejectionLog rejections;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  /** The one open connection that passed the secret check, hello or not. */
  private final AtomicReference<Session> connection = new AtomicReference<>();

  private volatile Application application;

  private PatchServer(Server server, String secret, String sessionId, Listener listener) {
    this.server = server;
    this.expectedAuthorization = ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
    this.sessionId = sessionId;
    this.listener = listener;
    this.rejections = new RejectionLog(listener::rejected);
  }

  /** Starts listening on {@code 127.0.0.1:port}; port 0 lets the system choose. */
  static PatchServer start(int port, String secret, String sessionId, Listener listener)
      throws Exception {
    quietJettyLogging();
    QueuedThreadPool threads = new QueuedThreadPool(8, 2);
    threads.setName("hotpatch-server");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    PatchServer patchServer = new PatchServer(server, secret, sessionId, listener);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            container -> {
              // Jetty enforces these while reading, before a message is assembled in memory.
              container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
              container.setMaxBinaryMessageSize(MAX_BINARY_BYTES);
              container.setMaxFrameSize(MAX_MESSAGE_BYTES);
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
    Application app = application;
    return app != null && app.session().isOpen();
  }

  private synchronized Application awaitApplication(Duration timeout) throws InterruptedException {
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

  private synchronized void setApplication(Application app) {
    application = app;
    notifyAll();
  }

  /**
   * Sends a patch, addressed to the process and build that said hello; the future completes with
   * the application's {@code patch-result}. An application that is starting (or restarting) gets
   * {@code connectTimeout} to connect first.
   */
  CompletableFuture<JsonNode> send(long patchId, Map<String, ?> message, Duration connectTimeout)
      throws InterruptedException {
    Application app = awaitApplication(connectTimeout);
    if (app == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "the application did not connect to serve within "
                  + connectTimeout.toSeconds()
                  + " s"));
    }
    Map<String, Object> addressed = new LinkedHashMap<>();
    addressed.put("type", message.get("type"));
    addressed.put("protocol", ClientMessages.PROTOCOL);
    addressed.put("patchId", patchId);
    addressed.put("pid", app.pid());
    addressed.put("buildId", app.buildId());
    addressed.putAll(message);
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(patchId, result);
    try {
      app.session()
          .sendText(
              JSON.writeValueAsString(addressed),
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
      rejections.once(
          "Refused a connection from a browser page (Origin "
              + ClientMessages.abbreviate(origin)
              + "): pages may not talk to serve.");
      Response.writeError(request, response, callback, 403, "browsers may not connect");
      return null;
    }
    String authorization = request.getHeaders().get("Authorization");
    byte[] given =
        authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expectedAuthorization)) {
      rejections.once(
          authorization == null
              ? "Refused a connection without the session secret."
              : "Refused a connection with a wrong session secret.");
      Response.writeError(request, response, callback, 401, "missing or wrong session secret");
      return null;
    }
    Session open = connection.get();
    if (open != null && open.isOpen()) {
      rejections.once(
          "Refused a second connection with the session secret: the application is connected"
              + " already, and serve talks to one application at a time.");
      Response.writeError(request, response, callback, 409, "an application is connected");
      return null;
    }
    return new Endpoint();
  }

  // Public: Jetty links to endpoint methods through a public lookup.
  public final class Endpoint implements Session.Listener.AutoDemanding {
    private final MessageRate rate = new MessageRate(BURST, PER_SECOND, System::nanoTime);
    private Session session;
    private ClientMessages.Hello hello;
    private volatile boolean cutOff;

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      // Two upgrades may pass admit() at once; only one becomes the connection.
      Session open = connection.get();
      if ((open != null && open.isOpen()) || !connection.compareAndSet(open, session)) {
        rejections.once(
            "Refused a second connection with the session secret: the application is connected"
                + " already, and serve talks to one application at a time.");
        session.close(POLICY, "an application is connected", Callback.NOOP);
      }
    }

    @Override
    public void onWebSocketText(String text) {
      if (!admitRate()) {
        return;
      }
      ClientMessages.Message message;
      try {
        message = ClientMessages.read(text);
      } catch (RejectedMessageException e) {
        refuse(e);
        return;
      }
      if (message instanceof ClientMessages.Hello said) {
        greet(said);
      } else if (hello == null) {
        cut("it sent a patch-result before hello");
      } else if (message instanceof ClientMessages.Result result) {
        CompletableFuture<JsonNode> waiting = pending.remove(result.patchId());
        if (waiting != null) {
          rate.refund();
          waiting.complete(result.json());
        }
      }
    }

    @Override
    public void onWebSocketBinary(
        ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback done) {
      done.succeed();
      if (admitRate()) {
        refuse(new RejectedMessageException("it is binary, and the protocol has none"));
      }
    }

    private boolean admitRate() {
      if (cutOff) {
        return false;
      }
      if (!rate.admit()) {
        cut(
            "it sent more than "
                + BURST
                + " messages at once, more than the application ever does");
        return false;
      }
      return true;
    }

    private void greet(ClientMessages.Hello said) {
      if (hello != null) {
        rejections.once(
            "Refused a second hello on the application's connection (process "
                + said.pid()
                + "); the first one stands.");
        return;
      }
      if (!said.sessionId().equals(sessionId)) {
        cut(
            "its hello names session \""
                + ClientMessages.abbreviate(said.sessionId())
                + "\", this is session \""
                + sessionId
                + "\"");
        return;
      }
      hello = said;
      setApplication(new Application(session, said.pid(), said.buildId()));
      listener.connected(said.pid());
    }

    /** A bad message: before hello the peer is not known to be the application, so it goes. */
    private void refuse(RejectedMessageException e) {
      String reason = e.getMessage();
      if (hello == null) {
        cut(reason);
        return;
      }
      rejections.once("Refused a message from the application: " + reason + ".");
      if (e.patchId() > 0) {
        fail(e.patchId(), new IllegalStateException("its patch-result was unusable: " + reason));
      }
    }

    /** Ends a connection that is not safe to go on with; the reason is the one line logged. */
    private void cut(String reason) {
      cutOff = true;
      rejections.once("Refused a message and closed the connection: " + reason + ".");
      // A close reason may hold 123 bytes (RFC 6455); the peer's text in it is kept short too.
      String closeReason = reason.length() <= 120 ? reason : reason.substring(0, 117) + "...";
      session.close(POLICY, closeReason, Callback.NOOP);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      if (cause instanceof MessageTooLargeException) {
        rejections.once(
            "Refused a message of more than "
                + MAX_MESSAGE_BYTES
                + " bytes (binary: "
                + MAX_BINARY_BYTES
                + ") and closed the connection.");
      }
      // Otherwise a connection ending with the application is normal; onWebSocketClose reports
      // the loss.
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      connection.compareAndSet(session, null);
      Application app = application;
      if (app != null && app.session() == session) {
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
