package it.filt.app;

import it.filt.lib.Texts;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the first line of a resource every 50 ms until the test writes the file "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    String last = "";
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      String line = "first line: " + Texts.read("text/all.txt").lines().findFirst().orElse("");
      if (!line.equals(last)) {
        System.out.println(line);
        last = line;
      }
      Thread.sleep(50);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
