package dev.hotpatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Folders of a version's layers, for the tests of serve's and the runtime's layer handling. */
public final class LayerFolders {
  private LayerFolders() {}

  /**
   * Creates {@code folder} with {@code files} (resource names such as {@code lib/A.class}), each
   * holding the folder's name, so that a test can tell which layer a file came from.
   */
  public static Path write(Path folder, String... files) throws IOException {
    Files.createDirectories(folder);
    for (String file : files) {
      Path path = folder.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, folder.getFileName().toString());
    }
    return folder;
  }
}
