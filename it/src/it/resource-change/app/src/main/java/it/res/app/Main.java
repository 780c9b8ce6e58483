package it.res.app;

import it.res.lib.Texts;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the library's resources every 100 ms until the test writes the file "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    String last = "";
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      String line = "message: " + Texts.message() + " | banner: " + Texts.banner();
      if (!line.equals(last)) {
        System.out.println(line);
        last = line;
      }
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
