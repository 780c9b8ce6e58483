package it.once.app;

import it.once.lib.Greeting;
import it.once.lib.Message;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the greeting read at start and the message read per use, until the file "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    String last = "";
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      String line = "greeting: " + Greeting.text() + " | message: " + Message.text();
      if (!line.equals(last)) {
        System.out.println(line);
        last = line;
      }
      Thread.sleep(50);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
