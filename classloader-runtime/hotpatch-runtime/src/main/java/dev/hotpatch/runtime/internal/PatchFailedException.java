package dev.hotpatch.runtime.internal;

/**
 * A patch cannot be made current. The message says why, naming the module or class, and is what
 * {@code serve} shows the user.
 */
public final class PatchFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public PatchFailedException(String message) {
    super(message);
  }

  public PatchFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
