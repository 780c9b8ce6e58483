package it.init;

import dev.hotpatch.Hot;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints what Config says ten times a second, and any error it sees, until the test writes "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      try {
        System.out.println("config " + Hot.call(() -> Config.describe()));
      } catch (Throwable e) {
        System.out.println("the application saw " + e);
      }
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
