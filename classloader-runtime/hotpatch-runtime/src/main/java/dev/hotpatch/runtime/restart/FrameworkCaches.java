package dev.hotpatch.runtime.restart;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Caches of the libraries that keep classes of a stopped start, and with them its loaders, for the
 * JVM's lifetime: Spring's introspection, reflection, annotation and type caches, and Jackson's
 * type cache. Each is cleared only when its class is in the libraries loader, by reflection, so the
 * application adds nothing to its build; a library version that lays them out otherwise is left
 * alone (a leak, not a failure).
 */
final class FrameworkCaches {
  private FrameworkCaches() {}

  static void clear(ClassLoader libraries, StaleLoaders stale) {
    // Spring: what DevTools' restarter clears too, and the factories cache keyed by loader.
    invoke(
        libraries,
        "org.springframework.beans.CachedIntrospectionResults",
        "clearClassLoader",
        stale.root());
    invoke(libraries, "org.springframework.util.ReflectionUtils", "clearCache");
    invoke(libraries, "org.springframework.core.annotation.AnnotationUtils", "clearCache");
    invoke(libraries, "org.springframework.core.ResolvableType", "clearCache");
    clearMap(libraries, "org.springframework.core.io.support.SpringFactoriesLoader", "cache");
    // Jackson: the shared TypeFactory caches JavaTypes, which hold their classes strongly.
    try {
      Class<?> typeFactory =
          Class.forName("com.fasterxml.jackson.databind.type.TypeFactory", false, libraries);
      Object shared = typeFactory.getMethod("defaultInstance").invoke(null);
      typeFactory.getMethod("clearCache").invoke(shared);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // Not there, or another version.
    }
  }

  private static void invoke(
      ClassLoader libraries, String className, String method, Object... args) {
    try {
      Class<?> type = Class.forName(className, false, libraries);
      Method found =
          args.length == 0 ? type.getMethod(method) : type.getMethod(method, ClassLoader.class);
      found.invoke(null, args);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // Not there, or another version.
    }
  }

  private static void clearMap(ClassLoader libraries, String className, String field) {
    try {
      Field cache = Class.forName(className, false, libraries).getDeclaredField(field);
      cache.setAccessible(true);
      if (cache.get(null) instanceof Map<?, ?> map) {
        map.clear();
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // Not there, or another version.
    }
  }
}
