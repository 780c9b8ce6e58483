package it.web.app;

import com.sun.net.httpserver.HttpServer;
import it.web.lib.Greeting;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serves the library's handler on loopback until the test writes the file "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", new Greeting());
    server.start();
    System.out.println("listening on " + server.getAddress().getPort());
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      Thread.sleep(100);
    }
    server.stop(0);
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
