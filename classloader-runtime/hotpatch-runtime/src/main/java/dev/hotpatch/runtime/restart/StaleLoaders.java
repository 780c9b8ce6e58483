package dev.hotpatch.runtime.restart;

/**
 * The class loaders of one start of the application: its stable layer and every module loader below
 * it, of every patch since. What the libraries or the JDK keep of them after a warm restart pins
 * that whole start.
 */
public final class StaleLoaders {
  private final ClassLoader stableLayer;

  /**
   * @param stableLayer the stable layer of the start, the parent of all its module loaders
   */
  public StaleLoaders(ClassLoader stableLayer) {
    this.stableLayer = stableLayer;
  }

  /** The stable layer of the start: a loader that every one of its classes is under. */
  public ClassLoader root() {
    return stableLayer;
  }

  /** Whether {@code loader} is one of the start's loaders. */
  public boolean contains(ClassLoader loader) {
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l == stableLayer) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code type} is a class of the start (defined by one of its loaders). */
  public boolean owns(Class<?> type) {
    return type != null && contains(type.getClassLoader());
  }

  /** Whether {@code value} is a class of the start, or an object of one. */
  public boolean ownsValue(Object value) {
    if (value == null) {
      return false;
    }
    return value instanceof Class<?> type ? owns(type) : owns(value.getClass());
  }
}
