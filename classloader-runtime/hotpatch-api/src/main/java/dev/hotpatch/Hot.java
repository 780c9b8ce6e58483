package dev.hotpatch;

import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Entry points of hotpatch for application code.
 *
 * <p>Under {@code mvn hotpatch:serve}, {@code Hot.call} runs the newest version of its body's code
 * and {@code Hot.facade} returns a facade that always calls the newest implementation. Without the
 * hotpatch runtime (in production), {@code Hot.call} is a direct call and {@code Hot.facade}
 * returns the plain implementation.
 */
public final class Hot {
  private static final ClassValue<Object> PLAIN_FACADES =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
          return loadImplementation(type);
        }
      };

  private Hot() {}

  /**
   * Runs {@code body}, in the newest version of its code.
   *
   * <p>Under the hotpatch runtime, after a patch that reloaded the class of {@code body}'s code,
   * the newest version of that code runs, with the values the lambda captured (objects of reloaded
   * classes among them are re-instanced). When a patch replaces code that runs below this call and
   * that code reaches another {@code Hot.call}, the stale code is unwound with an {@link Error}
   * (not an {@link Exception}, so {@code catch (Exception e)} lets it pass) and this call runs its
   * body again, with the new code. Without the runtime this is a plain {@code body.run()}.
   */
  public static void call(HotRunnable body) {
    HotBridge bridge = HotBridges.installed();
    if (bridge == null) {
      body.run();
    } else {
      bridge.run(body);
    }
  }

  /** Runs {@code body} in the newest version of its code and returns its result. */
  public static <T> T call(HotSupplier<T> body) {
    HotBridge bridge = HotBridges.installed();
    return bridge == null ? body.get() : bridge.get(body);
  }

  /**
   * Returns the implementation of a {@link HotFacade} interface.
   *
   * <p>Under the hotpatch runtime the result is a facade that forwards every call to the current
   * implementation, the same facade on every call: keep it and call it as often as you like. When a
   * patch reloads the implementation's class, the implementation object is re-instanced (its state
   * kept) and the facade forwards to it from then on; {@link #versionOf(Object)} of the facade says
   * which version it runs. Without the runtime it is the first implementation that {@link
   * ServiceLoader} finds, the same instance on every call.
   *
   * @throws IllegalArgumentException if {@code type} is not an interface
   * @throws IllegalStateException if no module registers an implementation
   */
  public static <T> T facade(Class<T> type) {
    if (!type.isInterface()) {
      throw new IllegalArgumentException(
          "Hot.facade needs an interface, not "
              + type.getName()
              + ". Pass the @HotFacade interface.");
    }
    HotBridge bridge = HotBridges.installed();
    return type.cast(bridge == null ? PLAIN_FACADES.get(type) : bridge.facade(type));
  }

  /**
   * The number of patches applied in this JVM so far: 0 before the first one and whenever the
   * hotpatch runtime is not present. A patch that failed (and so changed nothing) does not count.
   */
  public static long version() {
    HotBridge bridge = HotBridges.installed();
    return bridge == null ? 0 : bridge.version();
  }

  /**
   * The {@linkplain #version() version} at which the code that {@code target} runs was last
   * replaced: 0 while no patch has touched it, and always 0 without the runtime.
   *
   * <ul>
   *   <li>for a {@link HotRunnable} or {@link HotSupplier}: the code {@code Hot.call(target)} would
   *       run now;
   *   <li>for a {@link Class}: that class's code;
   *   <li>for any other object (a facade, say): the code of its class.
   * </ul>
   *
   * <p>Frameworks can memoize what they derive from such code and recompute it when this number
   * changes.
   */
  public static long versionOf(Object target) {
    Objects.requireNonNull(target, "target");
    HotBridge bridge = HotBridges.installed();
    return bridge == null ? 0 : bridge.versionOf(target);
  }

  /**
   * Calls {@code listener} before and after every patch, until it is removed. Does nothing without
   * the runtime. Adding a listener that is already registered has no effect.
   */
  public static void addReloadListener(ReloadListener listener) {
    Objects.requireNonNull(listener, "listener");
    HotBridge bridge = HotBridges.installed();
    if (bridge != null) {
      bridge.addReloadListener(listener);
    }
  }

  /**
   * Stops calling {@code listener}; does nothing if it is not registered or without the runtime.
   */
  public static void removeReloadListener(ReloadListener listener) {
    Objects.requireNonNull(listener, "listener");
    HotBridge bridge = HotBridges.installed();
    if (bridge != null) {
      bridge.removeReloadListener(listener);
    }
  }

  /**
   * Registers how to stop this application inside its JVM, so that a change that only a restart
   * makes correct restarts it warm: serve runs {@code action} (and every other one registered, the
   * last registered first), waits for the application's non-daemon threads to end, and runs {@code
   * main} again in new class loaders over the same, JIT-warm libraries, in the same JVM. Register
   * it where the application starts what it must stop (a server, a scheduler), and have it release
   * what the next start needs again: ports, files, non-daemon threads.
   *
   * <p>Spring Boot applications need none: serve closes their application contexts itself. An
   * application that registers nothing (and has no Spring Boot context) gets a new JVM on every
   * restart instead.
   *
   * <p>Each action runs once, on a thread of the runtime; the runtime forgets them all then, and
   * the next start of {@code main} registers its own. Without the runtime this does nothing.
   */
  public static void onStop(Runnable action) {
    Objects.requireNonNull(action, "action");
    HotBridge bridge = HotBridges.installed();
    if (bridge != null) {
      bridge.onStop(action);
    }
  }

  /** Whether this application runs under the hotpatch runtime. */
  public static boolean isActive() {
    return HotBridges.installed() != null;
  }

  private static Object loadImplementation(Class<?> type) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    Iterator<?> found =
        ServiceLoader.load(type, context != null ? context : type.getClassLoader()).iterator();
    if (!found.hasNext()) {
      throw new IllegalStateException(
          "No implementation of "
              + type.getName()
              + " found. Add a file META-INF/services/"
              + type.getName()
              + " naming the implementing class to the module that implements it.");
    }
    return found.next();
  }
}
