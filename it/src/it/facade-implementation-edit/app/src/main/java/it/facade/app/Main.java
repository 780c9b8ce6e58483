package it.facade.app;

import dev.hotpatch.Hot;
import it.facade.lib.Counter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Calls the library only through its facade, ten times a second, until the test writes the file
 * "stop"; counts its own frames.
 */
public final class Main {
  private static final Counter COUNTER = Hot.facade(Counter.class);
  private static int frames;

  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      frames++;
      System.out.println(COUNTER.next("ada") + " frames=" + frames);
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
