package dev.hotpatch.runtime.patch;

/**
 * A patch cannot be made current. The message says why, naming the module or class, and is what
 * {@code serve} shows the user.
 */
final class PatchFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean retryAsNewLoader;

  public PatchFailedException(String message) {
    this(message, null, false);
  }

  public PatchFailedException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * @param retryAsNewLoader whether the patch failed only because a class could not be redefined in
   *     place, so that the same modules can be sent again as new loaders
   */
  public PatchFailedException(String message, Throwable cause, boolean retryAsNewLoader) {
    super(message, cause);
    this.retryAsNewLoader = retryAsNewLoader;
  }

  public boolean retryAsNewLoader() {
    return retryAsNewLoader;
  }
}
