package dev.hotpatch.serve.engine;

/**
 * Why the application is to start again, handed from whoever asks (a patch, the keyboard, the
 * restart file) to the loop that runs the application; also the user's wish to quit.
 */
final class RestartRequests {
  private String reason;
  private boolean quit;

  synchronized void request(String why) {
    reason = why;
    notifyAll();
  }

  synchronized void quit() {
    quit = true;
    notifyAll();
  }

  synchronized boolean quitRequested() {
    return quit;
  }

  /** The pending reason, or null when nobody asked for a restart; either way none is left. */
  synchronized String take() {
    String taken = reason;
    reason = null;
    return taken;
  }

  /** Waits until a restart is requested and takes its reason; null when the user quits instead. */
  synchronized String await() throws InterruptedException {
    while (reason == null && !quit) {
      wait();
    }
    return quit ? null : take();
  }
}
