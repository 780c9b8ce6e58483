package dev.hotpatch.runtime.reinstance;

/**
 * An object of a reloaded class cannot be made an object of its new class: the new class is gone,
 * its record constructor refused the values, an {@code @OnReload} hook threw. During a patch it
 * fails the patch; for a {@code Hot.call} capture it reaches the caller of {@code Hot.call}.
 */
public final class ReinstanceException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String className;

  ReinstanceException(String message, String className, Throwable cause) {
    super(message, cause);
    this.className = className;
  }

  /** The binary name of the class whose object could not be re-instanced. */
  public String className() {
    return className;
  }
}
