package it.killed;

import dev.hotpatch.Hot;
import dev.hotpatch.ReloadEvent;
import dev.hotpatch.ReloadListener;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints its version ten times a second until the test writes the file "stop"; a patch takes long
 * (its listener sleeps), so that the test can kill the application while the patch is applied.
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    Hot.addReloadListener(
        new ReloadListener() {
          @Override
          public void beforeReload(ReloadEvent event) {
            System.out.println("patch in progress");
            try {
              Thread.sleep(60_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      System.out.println("running " + Hot.call(() -> version()));
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  static String version() {
    return "v1";
  }
}
