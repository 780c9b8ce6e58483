package dev.hotpatch.diff;

import java.io.IOException;
import java.nio.file.Path;

/** The class folder of a module build could not be listed. */
public final class SnapshotReadException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  public SnapshotReadException(Path directory, String problem, Throwable cause) {
    super("Cannot read class folder " + directory + ": " + problem, cause);
    this.directory = directory;
  }

  /** The folder that could not be read. */
  public Path directory() {
    return directory;
  }
}
