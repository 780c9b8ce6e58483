package it.main.app;

import dev.hotpatch.Hot;
import it.main.lib.Words;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Counts in a static field, which must keep its value across patches of this module. */
public final class Main {
  private static int count;
  private static final List<String> SEEN = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      Hot.call(() -> tick());
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  static void tick() {
    count++;
    SEEN.add("x");
    System.out.println("counting " + Words.noun() + ": count=" + count + " seen=" + SEEN.size());
  }
}
