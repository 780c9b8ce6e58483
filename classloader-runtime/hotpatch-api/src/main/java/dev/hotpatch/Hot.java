package dev.hotpatch;

import dev.hotpatch.internal.HotBridge;
import dev.hotpatch.internal.HotBridges;
import java.util.Iterator;
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
   * <p>When code below this call turns out to be stale (a patch replaced it while it ran), the call
   * is started again with the new code.
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
   * <p>Under the hotpatch runtime the result forwards every call to the newest implementation; keep
   * it and call it as often as you like. Without the runtime it is the first implementation that
   * {@link ServiceLoader} finds, the same instance on every call.
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
   * The number of the newest patch applied to this application: 0 before the first patch and
   * whenever the hotpatch runtime is not present.
   */
  public static long version() {
    HotBridge bridge = HotBridges.installed();
    return bridge == null ? 0 : bridge.version();
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
