package dev.hotpatch.runtime.callsite;

/**
 * The newest code of a {@code Hot.call} body cannot run because the body captured an object of a
 * class that a patch reloaded: the new code expects the new class. Thrown to the caller of {@code
 * Hot.call}.
 */
public final class StaleCaptureException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String body;
  private final String capturedClass;
  private final String capturedFrom;

  StaleCaptureException(String message, String body, String capturedClass, String capturedFrom) {
    super(message);
    this.body = body;
    this.capturedClass = capturedClass;
    this.capturedFrom = capturedFrom;
  }

  /** The implementation method of the body: {@code demo.app.Main.lambda$run$0}. */
  public String body() {
    return body;
  }

  /** The class of the captured object. */
  public String capturedClass() {
    return capturedClass;
  }

  /** The loader of the captured object's class: {@code module app@v1}. */
  public String capturedFrom() {
    return capturedFrom;
  }
}
