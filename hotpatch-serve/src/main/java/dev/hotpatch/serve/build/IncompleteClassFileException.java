package dev.hotpatch.serve.build;

import java.nio.file.Path;

/**
 * A class file that the IDE has not finished writing ({@code -Dhotpatch.watch=classes}): it ends
 * before its last part. Nothing is built from it; its change stays pending, and the IDE's last
 * write of it brings the next batch.
 */
public final class IncompleteClassFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  IncompleteClassFileException(String module, Path file) {
    super(
        file
            + " of module "
            + module
            + " is not a whole class file yet (your IDE is writing it); serve patches it once it"
            + " is written whole");
  }
}
