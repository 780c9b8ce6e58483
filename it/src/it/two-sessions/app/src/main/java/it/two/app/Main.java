package it.two.app;

import it.two.lib.Words;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints what the library says until the file {@code stop} appears in its working directory. */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      System.out.println("says " + Words.word());
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
