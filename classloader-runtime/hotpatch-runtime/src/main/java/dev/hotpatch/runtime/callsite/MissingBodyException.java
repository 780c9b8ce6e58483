package dev.hotpatch.runtime.callsite;

/**
 * The newest version of a module no longer has the method that implements a {@code Hot.call} body
 * under the name and descriptor the running lambda names, so its new code cannot be found. Thrown
 * to the caller of {@code Hot.call}.
 */
public final class MissingBodyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String body;
  private final String searched;

  MissingBodyException(String message, String body, String searched) {
    super(message);
    this.body = body;
    this.searched = searched;
  }

  /** The implementation method the lambda names: {@code demo.app.Main.lambda$run$0()V}. */
  public String body() {
    return body;
  }

  /** The loader searched: {@code module app@v3}. */
  public String searched() {
    return searched;
  }
}
