package it.workdir;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a file by a relative path; exits with the code in ../../stop, the reactor root's. */
public final class Main {
  public static void main(String[] args) throws Exception {
    System.out.println("greeting: " + Files.readString(Path.of("greeting.txt")).strip());
    Path stop = Path.of("../../stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
