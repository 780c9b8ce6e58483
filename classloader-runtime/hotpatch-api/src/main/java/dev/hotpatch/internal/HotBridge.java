package dev.hotpatch.internal;

import dev.hotpatch.HotRunnable;
import dev.hotpatch.HotSupplier;
import dev.hotpatch.ReloadListener;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What the hotpatch runtime provides behind {@link dev.hotpatch.Hot}. Implemented by the runtime
 * only; applications never use it.
 */
public interface HotBridge {
  void run(HotRunnable body);

  <T> T get(HotSupplier<T> body);

  Object facade(Class<?> type);

  long version();

  long versionOf(Object target);

  void addReloadListener(ReloadListener listener);

  void removeReloadListener(ReloadListener listener);

  /**
   * Links one {@code Hot.call} site of a module class, which the runtime rewrote into an {@code
   * invokedynamic}; see {@link HotCallSites}.
   */
  CallSite linkCall(MethodHandles.Lookup caller, MethodType type);

  /** Links one method of a facade the runtime generated; see {@link HotFacades}. */
  CallSite linkFacadeMethod(MethodHandles.Lookup caller, String name, MethodType type);
}
