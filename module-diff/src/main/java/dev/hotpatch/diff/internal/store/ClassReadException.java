package dev.hotpatch.diff.internal.store;

import dev.hotpatch.diff.internal.names.Names;

/** A class file that ASM could not read; the diff then counts the class as changed. */
public final class ClassReadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String className;

  public ClassReadException(String className, String problem, Throwable cause) {
    super("Cannot read class " + Names.binary(className) + ": " + problem, cause);
    this.className = className;
  }

  public String className() {
    return className;
  }
}
