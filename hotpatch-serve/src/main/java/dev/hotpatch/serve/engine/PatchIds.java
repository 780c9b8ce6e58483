package dev.hotpatch.serve.engine;

/**
 * The one sequence of numbers that patches and warm restarts share: a runtime admits only numbers
 * greater than every one it has seen. Used on serve's patch thread only.
 */
final class PatchIds {
  private long last;

  long next() {
    return ++last;
  }
}
