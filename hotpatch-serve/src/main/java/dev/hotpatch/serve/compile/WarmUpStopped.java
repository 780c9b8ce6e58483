package dev.hotpatch.serve.compile;

/**
 * Stops a warm-up's javac run between two of its tasks' events because a patch waits for the
 * compiler: what the run would have warmed is not worth the patch's wait.
 */
final class WarmUpStopped extends RuntimeException {
  WarmUpStopped() {
    super("a patch waits for the compiler", null, false, false);
  }
}
