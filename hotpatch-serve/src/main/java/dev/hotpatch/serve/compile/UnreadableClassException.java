package dev.hotpatch.serve.compile;

/** A class file of a build cannot be read, so what depends on it cannot be known. */
final class UnreadableClassException extends Exception {
  private final String file;

  UnreadableClassException(String file, Throwable cause) {
    super("cannot read " + file + ": " + cause.getMessage(), cause);
    this.file = file;
  }

  String file() {
    return file;
  }
}
