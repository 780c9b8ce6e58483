package dev.hotpatch.runtime.channel;

import dev.hotpatch.protocol.Limits;
import dev.hotpatch.protocol.MessageRate;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.PatchResult;
import dev.hotpatch.runtime.RestartResult;
import dev.hotpatch.runtime.log.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * The application's end of the patch WebSocket: connects to {@code serve}, says hello, applies each
 * patch it receives and answers with the result.
 *
 * <p>Patches are applied one at a time on a thread of their own, never on the WebSocket's threads.
 * When {@code serve} cannot be reached or the connection drops, the client says so once on standard
 * error and keeps retrying with a growing delay, while the application runs on.
 *
 * <p>Every message is checked before anything is loaded: its shape ({@link PatchMessages}), that it
 * is meant for this process and build and loads only from the session's folders ({@link
 * PatchAdmission}). A peer that sends more, or larger, messages than serve ever does loses the
 * connection.
 */
public final class PatchClient implements AutoCloseable {
  /** Applies one patch; {@code HotRuntime::apply} in the application. */
  @FunctionalInterface
  public interface Patcher {
    PatchResult apply(long patchId, List<ModulePatch> modules);
  }

  /** Restarts the application inside its JVM; the launcher's warm restart in the application. */
  @FunctionalInterface
  public interface Restarter {
    /**
     * Stops the application and starts it again as build {@code nextBuildId} of launch.json.
     *
     * @param answer takes the result, exactly once and before this method returns, and before the
     *     new main method runs: so that serve hears of the restart before it hears of a failure of
     *     that main method
     */
    void restart(
        long restartId, String nextBuildId, Duration stopTimeout, Consumer<RestartResult> answer);
  }

  /** Refuses every restart: the application gets a new JVM instead. */
  static final Restarter NO_RESTARTS =
      (restartId, nextBuildId, stopTimeout, answer) ->
          answer.accept(
              RestartResult.fallback(
                  restartId, 0, "this application cannot restart inside its JVM"));

  /**
   * Where and how to connect.
   *
   * @param serverUri serve's patch WebSocket, from launch.json
   * @param tokenFile the file that holds the session secret, sent as {@code Authorization: Bearer}
   *     and never put on a command line
   * @param sessionId the session's id, which the hello names and serve checks
   * @param buildId this start's build id, which every patch must name
   * @param patchRoots the folders every class folder of a patch must lie in
   * @param firstRetry the delay before the first retry; it doubles with every failed attempt
   * @param maxRetry the longest delay between two attempts
   * @param serverFingerprint the SHA-256 of the certificate a {@code wss} server must present; null
   *     for {@code ws}
   */
  public record Settings(
      URI serverUri,
      Path tokenFile,
      String sessionId,
      String buildId,
      List<Path> patchRoots,
      Duration firstRetry,
      Duration maxRetry,
      String serverFingerprint,
      Path layersFolder,
      Duration heartbeat) {
    public Settings {
      patchRoots = List.copyOf(patchRoots);
    }

    public static Settings of(LaunchManifest manifest) {
      return new Settings(
          PatchClient.serverUri(manifest),
          manifest.tokenFile(),
          manifest.sessionId(),
          manifest.buildId(),
          manifest.patchRoots(),
          Duration.ofMillis(100),
          Duration.ofSeconds(2),
          manifest.serverFingerprint(),
          manifest.layersFolder(),
          manifest.serverFingerprint() == null ? null : REMOTE_HEARTBEAT);
    }
  }

  /**
   * Where a bundle reaches serve when not at the address it was made with (from a container, the
   * host is another address): {@code HOST:PORT}. The certificate stays pinned.
   */
  static final String CONNECT_VARIABLE = "HOTPATCH_CONNECT";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How often a remote application pings serve. */
  static final Duration REMOTE_HEARTBEAT = Duration.ofSeconds(10);

  private static URI serverUri(LaunchManifest manifest) {
    String connect = System.getenv(CONNECT_VARIABLE);
    URI uri = manifest.serverUri();
    if (connect == null || connect.isBlank() || manifest.serverFingerprint() == null) {
      return uri;
    }
    try {
      URI moved = new URI("wss://" + connect.strip() + uri.getPath());
      if (moved.getHost() == null || moved.getPort() < 0) {
        throw new URISyntaxException(connect, "not HOST:PORT");
      }
      return moved;
    } catch (URISyntaxException e) {
      Log.line(
          CONNECT_VARIABLE
              + "="
              + connect
              + " is not HOST:PORT; connecting to "
              + uri
              + " instead.");
      return uri;
    }
  }

  /** Distinct refusals logged per connection; a flood is cut off long before. */
  private static final int MAX_LOGGED = 1000;

  private final Settings settings;
  private final Patcher patcher;
  private final Restarter restarter;
  private final PatchAdmission admission;

  /** The modules' current versions. */
  private final Supplier<List<ModuleVersion>> modules;

  /** Writes the layers of a remote application's patches; null for a local application. */
  private final InlineLayers inlineLayers;

  /** The largest message serve may send: a remote application's patches carry class bytes. */
  private final int maxMessage;

  private final ExecutorService io;
  private final ExecutorService patches;
  private final ScheduledExecutorService retries;
  private final HttpClient http;

  private final Object lock = new Object();
  private Duration nextDelay; // guarded by lock
  private boolean reachable = true; // guarded by lock; false once an outage has been reported
  private boolean closed; // guarded by lock
  private WebSocket socket; // guarded by lock
  private Connection connection; // guarded by lock; the one whose socket is open

  /** The build the application runs as: the launch's, then that of each warm restart. */
  private volatile String buildId;

  private PatchClient(
      Settings settings,
      Patcher patcher,
      Restarter restarter,
      Supplier<List<ModuleVersion>> modules) {
    this.settings = settings;
    this.modules = modules;
    this.inlineLayers =
        settings.layersFolder() == null ? null : new InlineLayers(settings.layersFolder(), modules);
    this.maxMessage =
        settings.serverFingerprint() == null
            ? Limits.MAX_TEXT_MESSAGE
            : Limits.MAX_REMOTE_PATCH_MESSAGE;
    this.patcher = patcher;
    this.restarter = restarter;
    this.buildId = settings.buildId();
    this.admission =
        new PatchAdmission(
            ProcessHandle.current().pid(), settings.buildId(), settings.patchRoots());
    this.nextDelay = settings.firstRetry();
    // Every thread is started here, before any application code runs; see DaemonThreads.
    ThreadPoolExecutor io =
        new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new DaemonThreads("hotpatch-websocket"));
    io.prestartAllCoreThreads();
    this.io = io;
    ThreadPoolExecutor patches =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new DaemonThreads("hotpatch-patch"));
    patches.prestartAllCoreThreads();
    this.patches = patches;
    ScheduledThreadPoolExecutor retries =
        new ScheduledThreadPoolExecutor(1, new DaemonThreads("hotpatch-reconnect"));
    retries.prestartAllCoreThreads();
    this.retries = retries;
    HttpClient.Builder http = HttpClient.newBuilder().executor(io).connectTimeout(CONNECT_TIMEOUT);
    if (settings.serverFingerprint() != null) {
      http.sslContext(PinnedServerTrust.context(settings.serverFingerprint()));
    } else {
      http.sslContext(new NoTlsContext()).sslParameters(new SSLParameters());
    }
    this.http = http.build();
  }

  /** Creates the client and starts connecting in the background; restarts get a new JVM. */
  public static PatchClient start(Settings settings, Patcher patcher) {
    return start(settings, patcher, NO_RESTARTS);
  }

  /** Creates the client and starts connecting in the background. */
  public static PatchClient start(Settings settings, Patcher patcher, Restarter restarter) {
    return start(settings, patcher, restarter, List::of);
  }

  /**
   * Creates the client and starts connecting in the background.
   *
   * @param modules the modules' current versions, on which the layers of a remote application's
   *     patches go
   */
  public static PatchClient start(
      Settings settings,
      Patcher patcher,
      Restarter restarter,
      Supplier<List<ModuleVersion>> modules) {
    PatchClient client = new PatchClient(settings, patcher, restarter, modules);
    client.connect();
    return client;
  }

  /**
   * Tells serve that the main method of the current build, started by a warm restart, threw; said
   * on standard error only when serve is not connected.
   *
   * @param fallback why only a new JVM can start the application, or null
   */
  public void appFailed(String error, String fallback) {
    Connection open;
    WebSocket webSocket;
    synchronized (lock) {
      open = connection;
      webSocket = socket;
    }
    if (open == null || webSocket == null) {
      Log.line("The application failed to start again (" + error + "); serve is not connected.");
      return;
    }
    open.send(webSocket, PatchMessages.appFailed(buildId, error, fallback));
  }

  /** Disconnects and stops retrying. */
  @Override
  public void close() {
    WebSocket open;
    synchronized (lock) {
      closed = true;
      open = socket;
      socket = null;
    }
    if (open != null) {
      open.abort();
    }
    retries.shutdownNow();
    patches.shutdownNow();
    io.shutdownNow();
  }

  private void connect() {
    synchronized (lock) {
      if (closed) {
        return;
      }
    }
    String secret;
    try {
      secret = readSecret();
    } catch (IOException e) {
      lost(e.getMessage());
      return;
    }
    Connection connection = new Connection();
    try {
      http.newWebSocketBuilder()
          .header("Authorization", "Bearer " + secret)
          .connectTimeout(CONNECT_TIMEOUT)
          .buildAsync(settings.serverUri(), connection)
          .whenComplete(
              (webSocket, error) -> {
                if (error != null) {
                  connection.end(describe(error));
                }
              });
    } catch (RuntimeException e) {
      connection.end(describe(e));
    }
  }

  private String readSecret() throws IOException {
    Path file = settings.tokenFile();
    String secret;
    try {
      secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IOException("cannot read the session token file " + file + ": " + e, e);
    }
    if (secret.isEmpty()) {
      throw new IOException("the session token file " + file + " is empty");
    }
    return secret;
  }

  private void opened(Connection opened, WebSocket webSocket) {
    boolean afterOutage;
    synchronized (lock) {
      if (closed) {
        webSocket.abort();
        return;
      }
      socket = webSocket;
      connection = opened;
      afterOutage = !reachable;
      reachable = true;
      nextDelay = settings.firstRetry();
    }
    if (afterOutage) {
      Log.line("Connected to serve at " + settings.serverUri() + ".");
    }
    if (settings.heartbeat() != null) {
      opened.beatEvery(settings.heartbeat(), webSocket);
    }
  }

  private void lost(String reason) {
    Duration delay;
    synchronized (lock) {
      if (closed) {
        return;
      }
      socket = null;
      connection = null;
      if (reachable) {
        reachable = false;
        Log.line(
            "Cannot reach serve at "
                + settings.serverUri()
                + ": "
                + reason
                + ". The application keeps running; patches resume once the connection is back.");
      }
      delay = nextDelay;
      Duration doubled = nextDelay.multipliedBy(2);
      nextDelay = doubled.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : doubled;
    }
    try {
      retries.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  private void received(Connection connection, WebSocket webSocket, String text) {
    PatchMessages.Incoming message;
    try {
      message = PatchMessages.read(text);
      if (message instanceof PatchMessages.Patch patch
          && !patch.layers().isEmpty()
          && inlineLayers == null) {
        throw new BadMessageException(
            "Patch "
                + patch.patchId()
                + " refused: it carries its classes, as patches of a remote application do, and"
                + " this application reads them from serve's folder. Nothing was applied.",
            patch.patchId());
      }
      admission.check(message);
    } catch (BadMessageException e) {
      if (e.patchId().isPresent()) {
        connection.logOnce(e.getMessage());
        connection.send(
            webSocket,
            PatchMessages.result(PatchResult.failed(e.patchId().getAsLong(), 0, e.getMessage())));
      } else {
        connection.logOnce(
            e.getMessage()
                + "; it was ignored. Use the same hotpatch version for the plugin and the"
                + " runtime.");
      }
      return;
    }
    try {
      if (message instanceof PatchMessages.Restart restart) {
        patches.execute(() -> restart(connection, webSocket, restart));
      } else {
        PatchMessages.Patch patch = (PatchMessages.Patch) message;
        patches.execute(
            () -> {
              connection.send(webSocket, PatchMessages.result(apply(patch)));
              connection.rate.refund();
            });
      }
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  private void restart(Connection connection, WebSocket webSocket, PatchMessages.Restart restart) {
    if (inlineLayers != null) {
      restartFromBundle(connection, webSocket, restart);
      return;
    }
    AtomicBoolean answered = new AtomicBoolean();
    Consumer<RestartResult> answer =
        result -> {
          if (!answered.compareAndSet(false, true)) {
            return;
          }
          if (result.ok() || result.error() != null) {
            // Either way the application now is the new build: it runs, or it waits for the next
            // restart as that build.
            admission.restarted(restart.nextBuildId());
            buildId = restart.nextBuildId();
          }
          connection.send(webSocket, PatchMessages.restartResult(result));
          connection.rate.refund();
        };
    // Whatever happens, serve gets an answer and the patch thread lives on.
    try {
      restarter.restart(
          restart.patchId(),
          restart.nextBuildId(),
          Duration.ofMillis(restart.stopTimeoutMillis()),
          answer);
    } catch (RuntimeException | LinkageError e) {
      answer.accept(
          RestartResult.fallback(restart.patchId(), 0, "the restart failed unexpectedly: " + e));
    }
    answer.accept(
        RestartResult.fallback(restart.patchId(), 0, "the restart ended without an answer"));
  }

  /**
   * A remote application starts again from its bundle: it answers, then exits with the code on
   * which the bundle's run script starts a new JVM, which connects and catches up.
   */
  private void restartFromBundle(
      Connection connection, WebSocket webSocket, PatchMessages.Restart restart) {
    Log.line("serve asked for a restart; the application starts again from its bundle.");
    connection
        .send(
            webSocket, PatchMessages.restartResult(RestartResult.started(restart.patchId(), 0, 0)))
        .whenComplete(
            (sent, error) ->
                // Not on the WebSocket's thread, which the shutdown hooks' close() stops.
                new Thread(() -> System.exit(Protocol.BUNDLE_RESTART_EXIT), "hotpatch-restart")
                    .start());
  }

  private PatchResult apply(PatchMessages.Patch patch) {
    // Whatever happens, serve gets an answer and the patch thread lives on.
    try {
      List<ModulePatch> modules = patch.modules();
      if (!patch.layers().isEmpty()) {
        try {
          modules = inlineLayers.write(patch.patchId(), modules, patch.layers());
        } catch (BadMessageException e) {
          return PatchResult.failed(patch.patchId(), 0, e.getMessage());
        } catch (IOException e) {
          return PatchResult.failed(
              patch.patchId(),
              0,
              "Patch "
                  + patch.patchId()
                  + " failed: cannot write its layer into "
                  + settings.layersFolder()
                  + " ("
                  + e
                  + "). Free disk space there; the next patch brings everything.");
        }
      }
      PatchResult result = patcher.apply(patch.patchId(), modules);
      if (result != null) {
        return result;
      }
      return PatchResult.failed(patch.patchId(), 0, "Patch " + patch.patchId() + " got no result.");
    } catch (RuntimeException | LinkageError e) {
      return PatchResult.failed(
          patch.patchId(), 0, "Patch " + patch.patchId() + " failed unexpectedly: " + e);
    }
  }

  /** What the application has of each module; null when it cannot be read: serve sends all. */
  private Map<String, Map<String, String>> listing() {
    try {
      return ContentListing.of(modules.get());
    } catch (UncheckedIOException e) {
      Log.line(
          "Cannot list the application's modules (" + e.getCause() + "); serve sends them whole.");
      return null;
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof WebSocketHandshakeException handshake) {
      return "serve refused the connection (HTTP " + handshake.getResponse().statusCode() + ")";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof SSLHandshakeException) {
      // The pin's own sentence, not the TLS stack's wrapping of it.
      Throwable root = cause;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return "the TLS handshake failed: " + root.getMessage();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  /** One connection attempt and, once open, the connection. */
  private final class Connection implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final MessageRate rate = MessageRate.perConnection();
    private final Set<String> logged = new HashSet<>(); // guarded by itself
    private CompletableFuture<?> sending =
        CompletableFuture.completedFuture(null); // guarded by this

    /** When serve was last heard on this connection. */
    private volatile long heardNanos = System.nanoTime();

    private volatile ScheduledFuture<?> heartbeat;

    /**
     * Pings serve every {@code period}; three periods without a word from serve end the connection,
     * which is then opened again.
     */
    void beatEvery(Duration period, WebSocket webSocket) {
      try {
        heartbeat =
            retries.scheduleAtFixedRate(
                () -> beat(period, webSocket),
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // Closed meanwhile.
      }
    }

    private void beat(Duration period, WebSocket webSocket) {
      long silent = System.nanoTime() - heardNanos;
      if (silent > period.multipliedBy(3).toNanos()) {
        end(
            "serve has not answered for "
                + TimeUnit.NANOSECONDS.toSeconds(silent)
                + " s (the network may have dropped)");
        webSocket.abort();
      } else {
        try {
          webSocket.sendPing(ByteBuffer.allocate(0));
        } catch (IllegalStateException e) {
          // The last ping is still going out, or the socket closed: the next beat decides.
        }
      }
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
      heardNanos = System.nanoTime();
      webSocket.request(1);
      return null;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      opened(this, webSocket);
      if (inlineLayers != null) {
        admission.newSession();
      }
      // A remote application says what it has, so that serve brings it up to date in one patch.
      Map<String, Map<String, String>> content = inlineLayers == null ? null : listing();
      send(
          webSocket,
          PatchMessages.hello(
              settings.sessionId(), buildId, ProcessHandle.current().pid(), content));
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      heardNanos = System.nanoTime();
      // The JDK's client has no size limit of its own: without this a peer could fill the heap.
      if (partial.length() + data.length() > maxMessage) {
        partial.setLength(0);
        cutOff(webSocket, "serve sent a message of more than " + maxMessage + " characters");
        return null;
      }
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        if (!rate.admit()) {
          cutOff(webSocket, "serve sent more than " + Limits.BURST + " messages at once");
          return null;
        }
        received(this, webSocket, text);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      if (last) {
        if (!rate.admit()) {
          cutOff(webSocket, "serve sent more than " + Limits.BURST + " messages at once");
          return null;
        }
        logOnce("A binary message from serve was ignored: the protocol has none.");
      }
      webSocket.request(1);
      return null;
    }

    /** Ends a connection that is not safe to go on with; the reason is the one line logged. */
    private void cutOff(WebSocket webSocket, String reason) {
      end(reason + ", more than serve ever does; the connection was closed");
      webSocket.abort();
    }

    /** Logs a refusal, but the same one only once per connection: a loop must not flood stderr. */
    void logOnce(String line) {
      synchronized (logged) {
        if (logged.size() >= MAX_LOGGED || !logged.add(line)) {
          return;
        }
      }
      Log.line(line);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      if (Protocol.REPLACED_CLOSE_REASON.equals(reason)) {
        replaced();
        return null;
      }
      end(
          "serve closed the connection ("
              + statusCode
              + (reason == null || reason.isEmpty() ? "" : " " + reason)
              + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      end(describe(error));
    }

    /** Sends {@code text} after whatever this connection is still sending. */
    synchronized CompletableFuture<?> send(WebSocket webSocket, String text) {
      // The WebSocket allows one outstanding send; a failed send must not block the ones after it.
      sending =
          sending
              .handle((done, error) -> null)
              .thenCompose(ignored -> webSocket.sendText(text, true));
      return sending;
    }

    void end(String reason) {
      if (ended.compareAndSet(false, true)) {
        stopBeating();
        lost(reason);
      }
    }

    /**
     * Another instance of this application connected with the same bundle and serve took it: this
     * one runs on, unpatched, and stops connecting.
     */
    private void replaced() {
      if (ended.compareAndSet(false, true)) {
        stopBeating();
        Log.line(
            "Another instance of this application connected to serve with the same bundle, and"
                + " serve patches that one now: this one runs on without patches.");
        close();
      }
    }

    private void stopBeating() {
      ScheduledFuture<?> beating = heartbeat;
      if (beating != null) {
        beating.cancel(false);
      }
    }
  }
}
