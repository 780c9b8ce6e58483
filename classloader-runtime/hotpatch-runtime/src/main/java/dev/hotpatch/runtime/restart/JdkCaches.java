package dev.hotpatch.runtime.restart;

/**
 * What the JDK caches of a stopped start's classes: {@code java.beans.Introspector}'s bean infos,
 * which Spring's bean wrappers fill. Named by string: {@code java.desktop} may be missing from a
 * trimmed runtime image, and then there is nothing to clear.
 */
final class JdkCaches {
  private JdkCaches() {}

  static void clear() {
    try {
      Class.forName("java.beans.Introspector").getMethod("flushCaches").invoke(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // No java.desktop: no bean infos either.
    }
  }
}
