package dev.hotpatch.runtime.restart;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application's own JVM shutdown hooks: a warm restart runs them, as the end of the JVM would,
 * then removes them, since they hold the stopped start's code and the next start registers its own.
 * Hooks of the libraries (Spring Boot's among them) stay: they belong to the JVM, not to one start.
 *
 * <p>The JDK lists hooks only in {@code java.lang.ApplicationShutdownHooks}, which serve's command
 * line opens to the runtime ({@code --add-opens java.base/java.lang=ALL-UNNAMED}); without it the
 * hooks stay until the JVM ends.
 */
final class ShutdownHooks {
  private ShutdownHooks() {}

  /**
   * Runs and removes the hooks whose code is the application's, waiting for them until {@code
   * deadlineNanos}.
   *
   * @return what went wrong, for the runtime's log; null when nothing did
   */
  static String runApplicationHooks(StaleLoaders application, long deadlineNanos)
      throws InterruptedException {
    List<Thread> hooks;
    try {
      hooks = applicationHooks(application);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "cannot list the application's shutdown hooks ("
          + e
          + "); they run when the JVM ends. Start the JVM with --add-opens"
          + " java.base/java.lang=ALL-UNNAMED, as serve does";
    }
    List<Thread> started = new ArrayList<>();
    for (Thread hook : hooks) {
      try {
        if (Runtime.getRuntime().removeShutdownHook(hook)) {
          hook.start();
          started.add(hook);
        }
      } catch (IllegalStateException | IllegalThreadStateException e) {
        // The JVM is shutting down already, or the hook was started by someone else.
      }
    }
    for (Thread hook : started) {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        hook.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
    return null;
  }

  private static List<Thread> applicationHooks(StaleLoaders application)
      throws ReflectiveOperationException {
    List<Thread> hooks = new ArrayList<>();
    for (Thread hook : registered()) {
      if (application.owns(hook.getClass()) || application.ownsValue(Threads.task(hook))) {
        hooks.add(hook);
      }
    }
    return hooks;
  }

  /**
   * The hooks that stay registered, threads not started yet: a hook a library registered while the
   * application's code ran (Spring Boot's, made in the first {@code SpringApplication.run}) has a
   * context loader of the start that made it, and a copy of its inheritable thread-locals. Empty
   * when the hooks cannot be read.
   */
  static List<Thread> remaining() {
    try {
      return registered();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return List.of();
    }
  }

  private static List<Thread> registered() throws ReflectiveOperationException {
    Class<?> registry = Class.forName("java.lang.ApplicationShutdownHooks");
    Field field = registry.getDeclaredField("hooks");
    field.setAccessible(true);
    // The JDK guards the map with the class's lock.
    synchronized (registry) {
      Map<?, ?> map = (Map<?, ?>) field.get(null);
      if (map == null) {
        return List.of(); // The JVM is shutting down.
      }
      List<Thread> hooks = new ArrayList<>();
      for (Object key : map.keySet()) {
        hooks.add((Thread) key);
      }
      return hooks;
    }
  }
}
