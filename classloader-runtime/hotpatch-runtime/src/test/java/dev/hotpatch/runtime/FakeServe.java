package dev.hotpatch.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpatch.protocol.Protocol;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Stands in for the patch endpoint of {@code serve}: a Jetty WebSocket on loopback that refuses a
 * wrong secret with HTTP 401 and records every message the application sends.
 */
public final class FakeServe implements AutoCloseable {
  public static final String PATH = "/hotpatch";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String secret;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private volatile Session session;

  private FakeServe(String secret) {
    this.secret = secret;
  }

  /** Starts listening on 127.0.0.1:{@code port}; port 0 picks a free one. */
  public static FakeServe start(String secret, int port) throws Exception {
    FakeServe serve = new FakeServe(secret);
    serve.connector.setHost("127.0.0.1");
    serve.connector.setPort(port);
    serve.server.addConnector(serve.connector);
    serve.server.setHandler(
        WebSocketUpgradeHandler.from(
            serve.server,
            container ->
                container.addMapping(
                    PATH,
                    (request, response, callback) -> {
                      String authorization = request.getHeaders().get("Authorization");
                      if (!("Bearer " + secret).equals(authorization)) {
                        Response.writeError(request, response, callback, 401);
                        return null;
                      }
                      return new Endpoint(serve);
                    })));
    serve.server.start();
    return serve;
  }

  public URI uri() {
    return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + PATH);
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The next message from the application, waiting up to 20 seconds. */
  public JsonNode next() throws Exception {
    String message = received.poll(20, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("No message from the application within 20 seconds");
    }
    return JSON.readTree(message);
  }

  public boolean nothingReceived() {
    return received.isEmpty();
  }

  public void send(String text) throws Exception {
    Callback.Completable sent = new Callback.Completable();
    session.sendText(text, sent);
    sent.get(5, TimeUnit.SECONDS);
  }

  /** Sends {@code text} in two frames, as a server may. */
  public void sendInTwoFrames(String text) throws Exception {
    int half = text.length() / 2;
    Callback.Completable first = new Callback.Completable();
    session.sendPartialText(text.substring(0, half), false, first);
    first.get(5, TimeUnit.SECONDS);
    Callback.Completable second = new Callback.Completable();
    session.sendPartialText(text.substring(half), true, second);
    second.get(5, TimeUnit.SECONDS);
  }

  /**
   * A {@code patch} message for {@code modules}, addressed as serve addresses it: to the process
   * and build that {@code hello} named.
   */
  public static String patch(JsonNode hello, long patchId, ModuleVersion... modules) {
    ObjectNode patch =
        JSON.createObjectNode()
            .put("type", "patch")
            .put("protocol", Protocol.VERSION)
            .put("patchId", patchId)
            .put("pid", hello.get("pid").asLong())
            .put("buildId", hello.get("buildId").asText());
    ArrayNode list = patch.putArray("modules");
    for (ModuleVersion module : modules) {
      ObjectNode entry =
          list.addObject().put("name", module.name()).put("version", module.version());
      ArrayNode classes = entry.putArray("classes");
      module.classes().forEach(path -> classes.add(path.toString()));
      ArrayNode dependencies = entry.putArray("dependencies");
      module.dependencies().forEach(dependencies::add);
    }
    return patch.toString();
  }

  /** A {@code patch} message that redefines {@code classes} of {@code module} in place. */
  public static String inPlacePatch(
      JsonNode hello, long patchId, ModuleVersion module, String... classes) {
    ObjectNode patch = (ObjectNode) readTree(patch(hello, patchId, module));
    ObjectNode entry = (ObjectNode) patch.get("modules").get(0);
    entry.put("strategy", "in-place");
    ArrayNode changed = entry.putArray("changedClasses");
    for (String name : classes) {
      changed.add(name);
    }
    return patch.toString();
  }

  private static JsonNode readTree(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** Public: Jetty calls listeners through public lookups only. */
  public static final class Endpoint extends Session.Listener.AbstractAutoDemanding {
    private final FakeServe serve;

    Endpoint(FakeServe serve) {
      this.serve = serve;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
      super.onWebSocketOpen(opened);
      serve.session = opened;
    }

    @Override
    public void onWebSocketText(String message) {
      serve.received.add(message);
    }
  }
}
