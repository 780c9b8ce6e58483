package dev.hotpatch;

import java.io.Serializable;

/**
 * A body without a result, passed to {@link Hot#call(HotRunnable)}.
 *
 * <p>It is {@link Serializable} so that the runtime can read which method implements the lambda and
 * which values it captured, and run the newest version of that method after a patch.
 */
@FunctionalInterface
public interface HotRunnable extends Serializable {
  void run();
}
