package it.proc.app;

import dev.hotpatch.Hot;
import it.proc.lib.WelcomeGreeting;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints what the annotation processor generated, ten times a second, until "stop" appears. */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      Hot.call(Main::frame);
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  private static void frame() {
    System.out.println("greeting=" + WelcomeGreeting.text());
  }
}
