package peers.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import peers.lib.Greeter;
import peers.lib.Visits;

/** Answers GET / on 127.0.0.1:PORT with the counter, the library's words and a resource. */
public final class Main {
  private final Greeter greeter = new Greeter();
  private final Visits visits = new Visits();

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    Main main = new Main();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", main::handle);
    server.start();
    System.out.println("listening on 127.0.0.1:" + port);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String answer =
        visits.next() + " " + greeter.word() + " " + "e2=A" /* EDIT2-CALL */ + " " + message() + "\n";
    byte[] body = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The resource of edit 4, read on every request. */
  private static String message() throws IOException {
    try (InputStream in = Main.class.getResourceAsStream("/peers/message.txt")) {
      return in == null ? "e4=missing" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
