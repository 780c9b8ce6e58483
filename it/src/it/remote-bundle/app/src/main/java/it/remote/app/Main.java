package it.remote.app;

import dev.hotpatch.Hot;
import it.remote.lib.Greeting;

/**
 * Prints the greeting whenever it changes, with a count that lives in the application's memory and
 * outlives every patch. Runs for at most ten minutes.
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    String said = null;
    int changes = 0;
    for (int i = 0; i < 12_000; i++) {
      String text = Hot.call(() -> Greeting.text());
      if (!text.equals(said)) {
        changes++;
        System.out.println("change " + changes + ": " + text);
        said = text;
      }
      Thread.sleep(50);
    }
  }
}
