package dev.hotpatch.serve.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.Limits;
import dev.hotpatch.protocol.MessageRate;
import dev.hotpatch.protocol.MessageType;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.serve.ServeException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The WebSocket the application connects to: on loopback, or, for remote applications, on the
 * address the user opened, over TLS only ({@link #startRemote}). It admits one connection at a
 * time, only with the session's secret and without a browser {@code Origin}; the connection must
 * say {@code hello} in this session's protocol first, naming the build and process serve started
 * ({@link #expect}, {@link #launched}); then it carries patches to that application and their
 * results back. Every message is checked ({@link ClientMessages}); every refusal is one {@code
 * [hotpatch]} line, and the connection is closed only where going on is not safe.
 */
public final class PatchServer implements AutoCloseable {
  static final String PATH = "/hotpatch";

  /** How long a remote connection may stay silent before serve drops it. */
  private static final Duration REMOTE_IDLE = Duration.ofSeconds(60);

  /** Close code for a peer that broke the protocol (RFC 6455: policy violation). */
  private static final int POLICY = StatusCode.POLICY_VIOLATION;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How long a hello that names the expected build waits for its process id: the process can
   * connect before {@link ProcessBuilder#start} has returned to serve, however unlikely.
   */
  private static final Duration LAUNCH_WAIT = Duration.ofSeconds(10);

  /**
   * Refusals said once per session whatever the peer's text in them: a process that keeps
   * reconnecting (an application of an earlier start, a page in a browser) is told once.
   */
  private enum Refusal {
    NO_SECRET,
    WRONG_SECRET,
    BROWSER,
    SECOND_CONNECTION,
    OTHER_SESSION,
    OTHER_BUILD,
    OTHER_PROCESS
  }

  /** What the application says outside of patch results. */
  public interface Listener {
    void connected(long pid);

    /**
     * A remote application connected: serve did not start it, and its hello says what it has of
     * each module ({@code content}, null when it did not say).
     */
    default void connectedRemote(long pid, Map<String, Map<String, String>> content) {
      connected(pid);
    }

    void disconnected();

    /** One refusal, in a sentence; the server has already made sure it is said only once. */
    void rejected(String line);

    /**
     * The main method of the application's current build, started by a warm restart, threw {@code
     * error}; {@code fallback}, when not null, says why only a new JVM can start it.
     */
    default void applicationFailed(String error, String fallback) {}
  }

  /**
   * The start of the application serve waits for: the build id it wrote into launch.json and, once
   * the JVM runs, its process id (0 until then).
   */
  private record Expected(String buildId, long pid) {}

  /** The connected application: serve's expected start, whose hello matched it. */
  private record Application(Session session, long pid, String buildId) {}

  private final Server server;
  private final boolean tls;
  private final byte[] expectedAuthorization;
  private final String sessionId;
  private final Listener listener;

  /** Refusals of connection attempts and of hellos, keyed by {@link Refusal}. */
  private final RejectionLog rejections;

  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  /** The build each pending restart starts, by its number. */
  private final Map<Long, String> restarts = new ConcurrentHashMap<>();

  /** The one open connection that passed the secret check, hello or not. */
  private final AtomicReference<Session> connection = new AtomicReference<>();

  private volatile Application application;

  private Expected expected; // guarded by this

  private PatchServer(
      Server server, boolean tls, String secret, String sessionId, Listener listener) {
    this.server = server;
    this.tls = tls;
    this.expectedAuthorization = ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
    this.sessionId = sessionId;
    this.listener = listener;
    this.rejections = new RejectionLog(listener::rejected);
  }

  /** Starts listening on {@code 127.0.0.1:port}; port 0 lets the system choose. */
  public static PatchServer start(int port, String secret, String sessionId, Listener listener)
      throws Exception {
    return start(Address.loopback(port), null, secret, sessionId, listener);
  }

  /**
   * Starts the remote channel: TLS only, on {@code address}, with the reactor's certificate, and
   * admitting only the remote secret.
   */
  public static PatchServer startRemote(Address address, RemoteKeys keys, Listener listener)
      throws Exception {
    quietJettyLogging();
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStoreType("PKCS12");
    tls.setKeyStorePath(keys.keyStore().toString());
    tls.setKeyStorePassword(keys.keyStorePassword());
    tls.setIncludeProtocols("TLSv1.3");
    return start(address, tls, keys.secret(), keys.id(), listener);
  }

  private static PatchServer start(
      Address address,
      SslContextFactory.Server tls,
      String secret,
      String sessionId,
      Listener listener)
      throws Exception {
    quietJettyLogging();
    QueuedThreadPool threads = new QueuedThreadPool(8, 2);
    threads.setName("hotpatch-server");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector =
        tls == null ? new ServerConnector(server, 1, 1) : tlsConnector(server, tls);
    connector.setHost(address.host());
    connector.setPort(address.port());
    server.addConnector(connector);
    PatchServer patchServer = new PatchServer(server, tls != null, secret, sessionId, listener);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            container -> {
              // Jetty enforces these while reading, before a message is assembled in memory.
              container.setMaxTextMessageSize(Limits.MAX_TEXT_MESSAGE);
              container.setMaxBinaryMessageSize(Limits.MAX_BINARY_MESSAGE);
              container.setMaxFrameSize(Limits.MAX_TEXT_MESSAGE);
              // A remote application pings every 10 s; one silent for a minute is gone.
              container.setIdleTimeout(tls != null ? REMOTE_IDLE : Duration.ZERO);
              container.addMapping(PATH, patchServer::admit);
            }));
    try {
      server.start();
    } catch (IOException e) {
      server.stop();
      // No cause attached: Maven would append the socket error's own wording to the message.
      throw new ServeException(
          tls == null
              ? "Cannot listen on "
                  + address
                  + ": the port is in use. Choose another port with -Dhotpatch.port, or 0 to let"
                  + " the system choose."
              : "Cannot listen on "
                  + address
                  + " ("
                  + e.getMessage()
                  + "): the port is in use, or the address is not one of this machine's. Choose"
                  + " another address or port with -Dhotpatch.listen=HOST:PORT.");
    }
    return patchServer;
  }

  /**
   * A TLS connector that serves whatever name or address the application dialled: serve's
   * certificate names no host, and the application pins it instead (Jetty's default refuses a
   * request whose SNI the certificate does not name).
   */
  private static ServerConnector tlsConnector(Server server, SslContextFactory.Server tls) {
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    HttpConfiguration http = new HttpConfiguration();
    http.addCustomizer(secure);
    return new ServerConnector(
        server,
        1,
        1,
        new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
        new HttpConnectionFactory(http));
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

  /** {@code ws://127.0.0.1:PORT/hotpatch}, or {@code wss://HOST:PORT/hotpatch} when remote. */
  public URI uri() {
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    return URI.create(
        (tls ? "wss://" : "ws://")
            + new Address(connector.getHost(), connector.getLocalPort())
            + PATH);
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
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return application;
  }

  private synchronized void setApplication(Application app) {
    application = app;
    notifyAll();
  }

  /**
   * Serve is about to start the application as {@code buildId} (the one it writes into
   * launch.json): from now on only that start's hello is accepted, and a connection of an earlier
   * start is closed. Its process id follows with {@link #launched}.
   */
  public void expect(String buildId) {
    Application earlier;
    synchronized (this) {
      expected = new Expected(buildId, 0);
      earlier = application;
      if (earlier != null && !earlier.buildId().equals(buildId)) {
        setApplication(null);
      } else {
        earlier = null;
      }
      notifyAll();
    }
    if (earlier != null) {
      failPending(new IllegalStateException("serve started the application again"));
      earlier
          .session()
          .close(StatusCode.NORMAL, "serve started the application again", Callback.NOOP);
    }
  }

  /**
   * The connected application restarted inside its JVM as {@code buildId}: its connection stays,
   * and messages are addressed to that build from now on.
   */
  private synchronized void restarted(String buildId) {
    Application app = application;
    if (app != null) {
      setApplication(new Application(app.session(), app.pid(), buildId));
      expected = new Expected(buildId, app.pid());
    }
  }

  /** The build the connected application runs as; null when none is connected. */
  public String connectedBuild() {
    Application app = application;
    return app != null && app.session().isOpen() ? app.buildId() : null;
  }

  /** Whether the application serve started is connected now. */
  public boolean connected() {
    return isConnected();
  }

  /** The application of {@code buildId} runs as process {@code pid}. */
  public synchronized void launched(String buildId, long pid) {
    if (expected != null && expected.buildId().equals(buildId)) {
      expected = new Expected(buildId, pid);
      notifyAll();
    }
  }

  /**
   * The start that a hello naming {@code buildId} must belong to, once its process is known; null
   * when serve expects no start.
   */
  private synchronized Expected awaitLaunch(String buildId) throws InterruptedException {
    long deadline = System.nanoTime() + LAUNCH_WAIT.toNanos();
    while (expected != null && expected.buildId().equals(buildId) && expected.pid() == 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return expected;
  }

  /** Makes {@code hello}'s connection the application's, unless serve expects another start. */
  private synchronized boolean accept(Session session, Expected start) {
    if (!start.equals(expected)) {
      return false;
    }
    setApplication(new Application(session, start.pid(), start.buildId()));
    return true;
  }

  /**
   * Sends a patch, addressed with serve's protocol and the process and build serve started; the
   * future completes with the application's {@code patch-result}. An application that is starting
   * (or restarting) gets {@code connectTimeout} to connect first.
   *
   * @param message the patch's {@code type} and content, without the addressing fields
   */
  CompletableFuture<JsonNode> send(long patchId, Map<String, ?> message, Duration connectTimeout)
      throws InterruptedException {
    for (String field : message.keySet()) {
      if (Fields.PATCH_ADDRESS.contains(field)) {
        throw new IllegalArgumentException("send() addresses the patch itself: remove " + field);
      }
    }
    Application app = awaitApplication(connectTimeout);
    if (app == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "the application did not connect to serve within "
                  + connectTimeout.toSeconds()
                  + " s"));
    }
    Map<String, Object> addressed = new LinkedHashMap<>();
    addressed.put(Fields.TYPE, message.get(Fields.TYPE));
    addressed.put(Fields.PROTOCOL, Protocol.VERSION);
    addressed.put(Fields.PATCH_ID, patchId);
    addressed.put(Fields.PID, app.pid());
    addressed.put(Fields.BUILD_ID, app.buildId());
    addressed.putAll(message);
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    if (MessageType.RESTART.wireName().equals(message.get(Fields.TYPE))) {
      restarts.put(patchId, (String) message.get(Fields.NEXT_BUILD_ID));
    }
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
    restarts.remove(patchId);
    CompletableFuture<JsonNode> result = pending.remove(patchId);
    if (result != null) {
      result.completeExceptionally(failure);
    }
  }

  private void failPending(Throwable failure) {
    for (Long patchId : pending.keySet()) {
      fail(patchId, failure);
    }
  }

  private Object admit(
      ServerUpgradeRequest request,
      ServerUpgradeResponse response,
      org.eclipse.jetty.util.Callback callback) {
    String origin = request.getHeaders().get("Origin");
    if (origin != null) {
      rejections.once(
          Refusal.BROWSER,
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
      if (authorization == null) {
        rejections.once(Refusal.NO_SECRET, "Refused a connection without the session secret.");
      } else {
        rejections.once(Refusal.WRONG_SECRET, "Refused a connection with a wrong session secret.");
      }
      Response.writeError(request, response, callback, 401, "missing or wrong session secret");
      return null;
    }
    Session open = connection.get();
    if (open != null && open.isOpen() && !tls) {
      refuseSecondConnection();
      Response.writeError(request, response, callback, 409, "an application is connected");
      return null;
    }
    return new Endpoint();
  }

  private void refuseSecondConnection() {
    rejections.once(
        Refusal.SECOND_CONNECTION,
        "Refused a second connection with the session secret: the application is connected"
            + " already, and serve talks to one application at a time.");
  }

  // Public: Jetty links to endpoint methods through a public lookup.
  public final class Endpoint implements Session.Listener.AutoDemanding {
    private final MessageRate rate = MessageRate.perConnection();

    /** What is refused on this connection; a new connection may be told again. */
    private final RejectionLog messages = new RejectionLog(listener::rejected);

    private Session session;
    private ClientMessages.Hello hello;

    /** Whether this connection is the one that passed admission; only it may say hello. */
    private volatile boolean accepted;

    private volatile boolean cutOff;

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      // Two upgrades may pass admit() at once; only one becomes the connection. Jetty may still
      // deliver the loser's frames, so it is cut off before it is closed.
      Session open = connection.get();
      if (tls) {
        // A remote application's network may drop without a word, and the application connects
        // again: the newest connection with the secret replaces the one serve still holds.
        Session replaced = connection.getAndSet(session);
        if (replaced != null && replaced.isOpen()) {
          replaced.close(StatusCode.NORMAL, Protocol.REPLACED_CLOSE_REASON, Callback.NOOP);
        }
        accepted = true;
        return;
      }
      if ((open != null && open.isOpen()) || !connection.compareAndSet(open, session)) {
        cutOff = true;
        refuseSecondConnection();
        session.close(POLICY, "an application is connected", Callback.NOOP);
        return;
      }
      accepted = true;
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
      } else if (message instanceof ClientMessages.AppFailed failed) {
        Application app = application;
        if (app != null && app.session() == session && app.buildId().equals(failed.buildId())) {
          listener.applicationFailed(failed.error(), failed.fallback());
        }
      } else if (message instanceof ClientMessages.Result result) {
        String next = restarts.remove(result.patchId());
        boolean restartAnswer =
            MessageType.RESTART_RESULT.wireName().equals(result.json().path(Fields.TYPE).asText());
        if (next != null && restartAnswer && (result.ok() || result.json().has(Fields.ERROR))) {
          // Before anything else this connection says: an app-failed after it names that build.
          restarted(next);
        }
        CompletableFuture<JsonNode> waiting = pending.remove(result.patchId());
        if (waiting != null) {
          rate.refund();
          waiting.complete(result.json());
        }
      }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback done) {
      done.succeed();
      if (admitRate()) {
        refuse(new RejectedMessageException("it is binary, and the protocol has none"));
      }
    }

    private boolean admitRate() {
      if (cutOff || !accepted) {
        return false;
      }
      if (!rate.admit()) {
        cut(
            "it sent more than "
                + Limits.BURST
                + " messages at once, more than the application ever does");
        return false;
      }
      return true;
    }

    private void greet(ClientMessages.Hello said) {
      if (hello != null) {
        messages.once(
            "Refused a second hello on the application's connection (process "
                + said.pid()
                + "); the first one stands.");
        return;
      }
      if (!said.sessionId().equals(sessionId)) {
        cut(
            Refusal.OTHER_SESSION,
            "its hello names session \""
                + ClientMessages.abbreviate(said.sessionId())
                + "\", this is session \""
                + sessionId
                + "\"");
        return;
      }
      if (tls) {
        // A remote application starts from its bundle, not from serve: any start of the
        // reactor's channel is the application, and the newest to say hello is the one served.
        Expected start = new Expected(said.buildId(), said.pid());
        synchronized (PatchServer.this) {
          expected = start;
        }
        if (accept(session, start)) {
          hello = said;
          listener.connectedRemote(said.pid(), said.content());
        }
        return;
      }
      Expected start;
      try {
        start = awaitLaunch(said.buildId());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      String build = "build \"" + ClientMessages.abbreviate(said.buildId()) + "\"";
      if (start == null) {
        cut(
            Refusal.OTHER_BUILD,
            "its hello names " + build + ", and serve has started no application");
      } else if (start.buildId().equals(said.buildId()) && start.pid() == 0) {
        cut(
            Refusal.OTHER_BUILD,
            "its hello names " + build + ", whose process serve has not seen start");
      } else if (!start.buildId().equals(said.buildId())) {
        cut(
            Refusal.OTHER_BUILD,
            "its hello names "
                + build
                + ", and the application serve started is build \""
                + start.buildId()
                + "\" (an application of an earlier start, or a process serve did not start)");
      } else if (start.pid() != said.pid()) {
        cut(
            Refusal.OTHER_PROCESS,
            "its hello names process "
                + said.pid()
                + ", and serve started build \""
                + start.buildId()
                + "\" as process "
                + start.pid()
                + " (a process serve did not start)");
      } else if (accept(session, start)) {
        hello = said;
        listener.connected(said.pid());
      } else {
        cut(Refusal.OTHER_BUILD, "serve started the application again meanwhile");
      }
    }

    /** A bad message: before hello the peer is not known to be the application, so it goes. */
    private void refuse(RejectedMessageException e) {
      String reason = e.getMessage();
      if (hello == null) {
        cut(reason);
        return;
      }
      messages.once("Refused a message from the application: " + reason + ".");
      if (e.patchId() > 0) {
        fail(e.patchId(), new IllegalStateException("its patch-result was unusable: " + reason));
      }
    }

    /** Ends a connection that is not safe to go on with; the reason is the one line logged. */
    private void cut(String reason) {
      cut(null, reason);
    }

    /**
     * @param kind the refusal's kind when it is said once per session rather than per connection
     */
    private void cut(Refusal kind, String reason) {
      cutOff = true;
      String line = "Refused a message and closed the connection: " + reason + ".";
      if (kind == null) {
        messages.once(line);
      } else {
        rejections.once(kind, line);
      }
      // A close reason may hold 123 bytes (RFC 6455); the peer's text in it is kept short too.
      String closeReason = reason.length() <= 120 ? reason : reason.substring(0, 117) + "...";
      session.close(POLICY, closeReason, Callback.NOOP);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      if (accepted && cause instanceof MessageTooLargeException) {
        messages.once(
            "Refused a message of more than "
                + Limits.MAX_TEXT_MESSAGE
                + " bytes (binary: "
                + Limits.MAX_BINARY_MESSAGE
                + ") and closed the connection.");
      }
      // Otherwise a connection ending with the application is normal; onWebSocketClose reports
      // the loss.
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      if (!accepted) {
        // The losing duplicate: the connection and the application are another endpoint's.
        return;
      }
      connection.compareAndSet(session, null);
      Application app = application;
      if (app != null && app.session() == session) {
        setApplication(null);
        failPending(new ConnectionLostException("the application closed its connection"));
        listener.disconnected();
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
