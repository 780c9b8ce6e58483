package it.settings.app;

import dev.hotpatch.Hot;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints, ten times a second, the name javac recorded for a parameter (only with -parameters) and
 * a resource (filtered or not), until the test writes the file "stop".
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      System.out.println(Hot.call(() -> describe()));
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  static String describe() {
    try (InputStream in = Main.class.getResourceAsStream("/greeting.txt")) {
      String parameter =
          Main.class.getDeclaredMethod("greet", String.class).getParameters()[0].getName();
      return "parameter "
          + parameter
          + ", "
          + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (Exception e) {
      return "failed: " + e;
    }
  }

  static String greet(String name) {
    return "hello " + name;
  }
}
