package it.war.web;

import dev.hotpatch.Hot;
import it.war.lib.Greeter;
import java.io.InputStream;
import java.util.Properties;
import java.nio.file.Files;
import java.nio.file.Path;

/** A war module can be a main module; it uses a bundle, and a module without sources. Exits with the code the test writes into the file "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      Hot.call(() -> tick());
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  static void tick() {
    Properties properties = new Properties();
    try (InputStream in = Main.class.getClassLoader().getResourceAsStream("greeting.properties")) {
      properties.load(in);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    System.out.println("war says: " + Greeter.greet(properties.getProperty("greeting")));
  }
}
