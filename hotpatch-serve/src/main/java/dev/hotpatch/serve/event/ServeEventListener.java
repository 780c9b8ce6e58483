package dev.hotpatch.serve.event;

/**
 * Sees the events of a serve session as they happen, on the thread that has them (the patch thread,
 * the thread that runs the application, the warm-up), so it must return quickly.
 */
@FunctionalInterface
public interface ServeEventListener {
  void on(ServeEvent event);
}
