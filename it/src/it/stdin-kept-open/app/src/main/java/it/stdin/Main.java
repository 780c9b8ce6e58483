package it.stdin;

import java.nio.file.Files;
import java.nio.file.Path;

/** Like many servers, stops as soon as its standard input closes; echoes what it reads. */
public final class Main {
  public static void main(String[] args) throws Exception {
    Thread reader =
        new Thread(
            () -> {
              try {
                for (int b; (b = System.in.read()) != -1; ) {
                  System.out.print((char) b);
                }
                System.out.println("stdin closed");
                System.exit(5);
              } catch (Exception e) {
                System.exit(6);
              }
            });
    reader.setDaemon(true);
    reader.start();
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      if (i % 10 == 0) {
        System.out.println("alive " + i / 10);
      }
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }
}
