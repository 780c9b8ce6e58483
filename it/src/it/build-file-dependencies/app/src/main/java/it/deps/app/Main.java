package it.deps.app;

import dev.hotpatch.Hot;
import it.deps.lib.Greeter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Greets ten times a second until the test writes the file "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      String greeting = Hot.call(() -> Greeter.greet("world"));
      System.out.println(greeting);
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
