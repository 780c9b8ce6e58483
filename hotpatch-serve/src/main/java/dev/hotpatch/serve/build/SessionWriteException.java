package dev.hotpatch.serve.build;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The next version of a module cannot be written into the session folder: the disk is full, or the
 * folder is not writable (or not a folder). Nothing of that version is current or sent; the changes
 * it was built from stay pending, so that the next save after the folder is writable again builds
 * them.
 */
public final class SessionWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String module;
  private final transient Path folder;

  SessionWriteException(String module, Path folder, IOException cause) {
    super(
        "cannot write the next version of module "
            + module
            + " into "
            + folder
            + " ("
            + describe(cause)
            + "). The application keeps running its last good code; free disk space or make "
            + folder.getParent()
            + " a writable folder again, then save again.",
        cause);
    this.module = module;
    this.folder = folder;
  }

  public String module() {
    return module;
  }

  public Path folder() {
    return folder;
  }

  private static String describe(IOException cause) {
    String message = cause.getMessage();
    String kind = cause.getClass().getSimpleName();
    return message == null ? kind : kind.equals("IOException") ? message : kind + ": " + message;
  }
}
