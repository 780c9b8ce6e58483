package it.exit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Exits with the code the test writes into the file "stop". Does not use hotpatch-api at all. */
public final class Main {
  public static void main(String[] args) throws Exception {
    System.out.println("waiting for stop on Java " + System.getProperty("java.version"));
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      Thread.sleep(100);
    }
    System.out.println("stopping");
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
