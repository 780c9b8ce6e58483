package dev.hotpatch.internal;

import dev.hotpatch.HotRunnable;
import dev.hotpatch.HotSupplier;

/**
 * What the hotpatch runtime provides behind {@link dev.hotpatch.Hot}. Implemented by the runtime
 * only; applications never use it.
 */
public interface HotBridge {
  void run(HotRunnable body);

  <T> T get(HotSupplier<T> body);

  Object facade(Class<?> type);

  long version();
}
