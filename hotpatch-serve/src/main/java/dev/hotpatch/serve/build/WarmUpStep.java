package dev.hotpatch.serve.build;

import java.util.function.BooleanSupplier;

/**
 * One step of the warm-up that gives way to a patch: it leaves its work undone as soon as it can
 * once {@code patchWaits} says a patch waits for it.
 */
@FunctionalInterface
public interface WarmUpStep {
  /**
   * @return whether it got through; false when it stopped for a patch
   */
  boolean run(BooleanSupplier patchWaits);
}
