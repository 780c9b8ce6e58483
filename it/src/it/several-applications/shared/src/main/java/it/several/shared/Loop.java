package it.several.shared;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints "NAME says TEXT" whenever the greeting changes, until the test writes the file "stop";
 * throws out of main when the test writes "crash-NAME".
 */
public final class Loop {
  private Loop() {}

  /** Runs the loop; returns the exit code the test wrote into "stop". */
  public static int run(String name) throws Exception {
    String said = null;
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      if (Files.exists(Path.of("crash-" + name))) {
        throw new IllegalStateException("the test asked " + name + " to crash");
      }
      String text = Greeting.text();
      if (!text.equals(said)) {
        System.out.println(name + " says " + text);
        said = text;
      }
      Thread.sleep(50);
    }
    return Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98;
  }
}
