package dev.hotpatch.runtime.facade;

import dev.hotpatch.runtime.reinstance.WeakIdentityMap;
import java.lang.ref.WeakReference;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The instance facades of one {@code @HotFacade} interface, one per target object: a method that
 * returns the same object twice returns the same facade, so facades work as map keys and under
 * {@code ==}. Targets are held weakly and compared by identity; so are the facades, since each
 * holds its target. Striped by the target's identity hash, since every call of a facade method
 * returning this interface comes through here.
 */
final class InstanceWrappers {
  private static final int STRIPES = 8;

  private final FacadeTargets.InstanceClass type;
  private final WeakIdentityMap[] stripes = new WeakIdentityMap[STRIPES]; // each guarded by itself

  InstanceWrappers(FacadeTargets.InstanceClass type) {
    this.type = type;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new WeakIdentityMap();
    }
  }

  /** The instance facade of {@code target}, made on first use. */
  Object wrap(Object target) {
    WeakIdentityMap stripe = stripe(target);
    synchronized (stripe) {
      Object facade = stripe.get(target) instanceof WeakReference<?> known ? known.get() : null;
      if (facade == null) {
        facade = type.create(target);
        stripe.put(target, new WeakReference<>(facade));
      }
      return facade;
    }
  }

  /** Every instance facade still in use, once (a re-targeted one is also its old target's). */
  Collection<Object> facades() {
    Map<Object, Object> facades = new IdentityHashMap<>();
    for (WeakIdentityMap stripe : stripes) {
      synchronized (stripe) {
        for (WeakIdentityMap.Entry entry : stripe.entries()) {
          Object facade = ((WeakReference<?>) entry.value()).get();
          if (facade != null) {
            facades.put(facade, facade);
          }
        }
      }
    }
    return facades.keySet();
  }

  Object targetOf(Object facade) {
    return type.targetOf(facade);
  }

  /**
   * Makes {@code facade} forward to {@code target}, a patch's re-instanced object, and be the
   * facade of that object from now on.
   */
  void retarget(Object facade, Object target) {
    WeakIdentityMap stripe = stripe(target);
    synchronized (stripe) {
      type.setTarget(facade, target);
      stripe.put(target, new WeakReference<>(facade));
    }
  }

  private WeakIdentityMap stripe(Object target) {
    return stripes[Math.floorMod(System.identityHashCode(target), STRIPES)];
  }
}
