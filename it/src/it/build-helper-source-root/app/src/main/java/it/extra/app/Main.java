package it.extra.app;

import dev.hotpatch.Hot;
import it.extra.lib.Words;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the library's words ten times a second until the test writes the file "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      Hot.call(Main::frame);
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  private static void frame() {
    System.out.println("words=" + Words.pair());
  }
}
