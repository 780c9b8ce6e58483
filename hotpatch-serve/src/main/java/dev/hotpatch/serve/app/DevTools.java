package dev.hotpatch.serve.app;

import java.nio.file.Path;
import java.util.List;

/** Spring Boot DevTools, whose restarter would restart the application beside serve. */
final class DevTools {
  private DevTools() {}

  /** Whether a {@code spring-boot-devtools} jar (or folder) is on {@code classpath}. */
  static boolean onClassPath(List<Path> classpath) {
    for (Path entry : classpath) {
      Path name = entry.getFileName();
      if (name != null && name.toString().startsWith("spring-boot-devtools")) {
        return true;
      }
    }
    return false;
  }
}
