package dev.hotpatch.runtime.restart;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * What threads that outlive a warm restart keep of the stopped start: a context class loader of
 * its, set while they ran its code or inherited when the start made them, and thread-local values
 * of its classes (a pool's threads that ran a task of the application, the JDK's common pool among
 * them). Shutdown hooks that stay registered count: they are threads made, not started, and Spring
 * Boot's is made by the first start's main thread. The loader is replaced by the libraries loader;
 * an entry of a thread-local of the start's, or holding a value of its, is cleared, as if the
 * thread-local had been collected. The owning thread expunges it on its next use of its
 * thread-locals.
 *
 * <p>Reads {@code Thread.threadLocals} and {@code inheritableThreadLocals}, which serve's command
 * line opens to the runtime; without that only the context loaders are reset.
 */
final class ThreadLeftovers {
  private ThreadLeftovers() {}

  /**
   * @return how many thread-local entries were cleared
   */
  static int clear(StaleLoaders stale, ClassLoader libraries) {
    int cleared = 0;
    Field locals;
    Field inheritable;
    try {
      locals = Thread.class.getDeclaredField("threadLocals");
      inheritable = Thread.class.getDeclaredField("inheritableThreadLocals");
      locals.setAccessible(true);
      inheritable.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      locals = null;
      inheritable = null;
    }
    // The calling thread too: it closed the stopped start's contexts.
    List<Thread> threads = new ArrayList<>(ApplicationThreads.all());
    threads.addAll(ShutdownHooks.remaining());
    for (Thread thread : threads) {
      try {
        if (stale.contains(thread.getContextClassLoader())) {
          thread.setContextClassLoader(libraries);
        }
      } catch (SecurityException e) {
        // Not ours to change.
      }
      if (locals != null) {
        cleared += clearEntries(thread, locals, stale) + clearEntries(thread, inheritable, stale);
      }
    }
    return cleared;
  }

  private static int clearEntries(Thread thread, Field mapField, StaleLoaders stale) {
    try {
      Object map = mapField.get(thread);
      if (map == null) {
        return 0;
      }
      Field tableField = map.getClass().getDeclaredField("table");
      tableField.setAccessible(true);
      Object[] table = (Object[]) tableField.get(map);
      if (table == null) {
        return 0;
      }
      int cleared = 0;
      for (Object entry : table) {
        if (entry == null) {
          continue;
        }
        Field valueField = entry.getClass().getDeclaredField("value");
        valueField.setAccessible(true);
        Object key = ((Reference<?>) entry).get();
        Object value = valueField.get(entry);
        if (stale.ownsValue(key) || stale.ownsValue(value)) {
          valueField.set(entry, null);
          ((Reference<?>) entry).clear();
          cleared++;
        }
      }
      return cleared;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return 0;
    }
  }
}
