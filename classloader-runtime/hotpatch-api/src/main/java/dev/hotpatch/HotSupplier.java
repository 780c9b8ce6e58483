package dev.hotpatch;

import java.io.Serializable;

/**
 * A body with a result, passed to {@link Hot#call(HotSupplier)}.
 *
 * <p>It is {@link Serializable} so that the runtime can read which method implements the lambda and
 * which values it captured, and run the newest version of that method after a patch.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface HotSupplier<T> extends Serializable {
  T get();
}
