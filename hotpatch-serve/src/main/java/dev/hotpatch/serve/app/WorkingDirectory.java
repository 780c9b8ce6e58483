package dev.hotpatch.serve.app;

import dev.hotpatch.serve.ServeException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The application's working directory: the reactor root, or a folder the user names. */
public final class WorkingDirectory {
  private WorkingDirectory() {}

  /**
   * @param configured {@code hotpatch.workingDirectory}, relative to {@code root} unless absolute;
   *     null for {@code root} itself
   * @throws ServeException when the folder does not exist
   */
  public static Path resolve(Path root, Path configured) throws ServeException {
    if (configured == null) {
      return root;
    }
    Path folder = root.resolve(configured).normalize();
    if (!Files.isDirectory(folder)) {
      throw new ServeException(
          "Working directory not found: "
              + folder
              + " (hotpatch.workingDirectory="
              + configured
              + (configured.isAbsolute() ? "" : ", relative to the reactor root")
              + "). Create the folder, or set hotpatch.workingDirectory to an existing one.");
    }
    return folder;
  }
}
