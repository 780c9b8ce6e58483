package it.crash;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs until the test writes the file "stop" (holding the exit code); throws out of main when the
 * test writes the file "crash".
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    System.out.println("running " + version());
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      if (Files.exists(Path.of("crash"))) {
        throw new IllegalStateException("the test asked for a crash");
      }
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  private static String version() {
    return "v1";
  }
}
