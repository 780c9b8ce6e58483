package it.agg.app;

import dev.hotpatch.Hot;
import it.agg.lib.Greeter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs in a reactor whose root is not the parent of its modules. Exits with the code the test writes into the file "stop". */
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
    System.out.println("aggregated: " + Greeter.greet());
  }
}
