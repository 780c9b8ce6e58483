package it.spring.web;

import jakarta.annotation.PreDestroy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Ends the application when the test writes the file "stop", with the exit code it holds. */
@Component
public class StopFile {
  private final Thread watch = new Thread(StopFile::watch, "stop-file");

  public StopFile() {
    watch.setDaemon(true);
    watch.start();
  }

  @PreDestroy
  void close() {
    watch.interrupt();
  }

  private static void watch() {
    Path stop = Path.of("stop");
    try {
      while (!Files.exists(stop)) {
        Thread.sleep(100);
      }
      System.exit(Integer.parseInt(Files.readString(stop).trim()));
    } catch (InterruptedException e) {
      // Stopped with the application.
    } catch (Exception e) {
      System.exit(97);
    }
  }
}
