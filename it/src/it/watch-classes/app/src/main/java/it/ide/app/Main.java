package it.ide.app;

import dev.hotpatch.Hot;
import it.ide.lib.Greeter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the greeting of the library every 100 ms. Exits with the code the test writes into the file "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      Hot.call(() -> tick());
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  static void tick() {
    System.out.println("greeting: " + Greeter.greet());
  }
}
