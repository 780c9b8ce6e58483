package dev.hotpatch.runtime.restart;

/**
 * Clears what the libraries loader and the JDK keep of a stopped start after its warm restart, so
 * that its loaders (and their classes' metaspace) are collected: the caches of Spring and Jackson,
 * the JDK's bean infos, and the context loaders and thread-locals of the threads that outlive it.
 */
public final class Leftovers {
  private Leftovers() {}

  /**
   * @param stale the loaders of the stopped start
   * @param libraries the libraries loader, which stays
   */
  public static void clear(StaleLoaders stale, ClassLoader libraries) {
    FrameworkCaches.clear(libraries, stale);
    JdkCaches.clear();
    ThreadLeftovers.clear(stale, libraries);
  }
}
