package dev.hotpatch.runtime.callsite;

/**
 * Unwinds code that a patch replaced while it ran, up to the enclosing {@code Hot.call} that runs
 * its body again with the new code (see {@link Unwinding}).
 *
 * <p>An {@link Error}, so that {@code catch (Exception e)} in the code it unwinds lets it pass; it
 * never reaches the application, since the outermost {@code Hot.call} always catches it. No stack
 * trace: it is control flow, thrown and caught within one thread.
 */
final class StaleCallUnwinding extends Error {
  private static final long serialVersionUID = 1L;

  private int remaining;

  /**
   * @param remaining how many enclosing {@code Hot.call}s to pass before the one that runs its body
   *     again
   */
  StaleCallUnwinding(int remaining) {
    super(
        "A patch replaced code that was running; unwinding to the enclosing Hot.call, which runs"
            + " its body again with the new code. Let this Error pass: catch Exception, not"
            + " Throwable, in code run by Hot.call.",
        null,
        false,
        false);
    this.remaining = remaining;
  }

  /**
   * Called by each {@code Hot.call} it reaches: whether to let it pass on outward. The outermost
   * {@code Hot.call} takes it whatever the count says.
   */
  boolean passOutward() {
    if (remaining > 0 && Unwinding.hasEnclosingBoundary()) {
      remaining--;
      return true;
    }
    return false;
  }
}
