package it.full;

import dev.hotpatch.Hot;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints its greeting ten times a second until the test writes the file "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      System.out.println("greeting " + Hot.call(() -> greeting()));
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  static String greeting() {
    return "v1";
  }
}
