package dev.hotpatch;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What the hotpatch runtime provides behind {@link Hot}. Implemented by the runtime only;
 * applications never use it.
 *
 * <p>It lives beside {@link Hot} rather than in {@code dev.hotpatch.internal} because its methods
 * take this package's types ({@link HotRunnable}, {@link ReloadListener}) and {@link Hot} calls it:
 * anywhere else the two packages would depend on each other.
 */
public interface HotBridge {
  void run(HotRunnable body);

  <T> T get(HotSupplier<T> body);

  Object facade(Class<?> type);

  long version();

  long versionOf(Object target);

  void addReloadListener(ReloadListener listener);

  void removeReloadListener(ReloadListener listener);

  /** Registers how to stop the application for a warm restart; see {@link Hot#onStop}. */
  void onStop(Runnable action);

  /**
   * Links one {@code Hot.call} site of a module class, which the runtime rewrote into an {@code
   * invokedynamic}; see {@link dev.hotpatch.internal.HotCallSites}.
   */
  CallSite linkCall(MethodHandles.Lookup caller, MethodType type);

  /**
   * Links one method of a facade the runtime generated; see {@link
   * dev.hotpatch.internal.HotFacades}.
   */
  CallSite linkFacadeMethod(MethodHandles.Lookup caller, String name, MethodType type);
}
