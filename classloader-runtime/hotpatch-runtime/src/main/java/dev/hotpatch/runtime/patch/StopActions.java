package dev.hotpatch.runtime.patch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How the application said to stop it ({@code Hot.onStop}), for a warm restart. One list per start
 * of the application: the next start registers its own, so that nothing of an earlier start's code
 * is kept.
 */
public final class StopActions {
  private final List<Runnable> actions = new ArrayList<>(); // guarded by this

  public synchronized void add(Runnable action) {
    actions.add(action);
  }

  /** Whether the application registered any action. */
  public synchronized boolean isEmpty() {
    return actions.isEmpty();
  }

  /** Takes every action, the last registered first; none is left. */
  public synchronized List<Runnable> drain() {
    List<Runnable> drained = new ArrayList<>(actions);
    actions.clear();
    Collections.reverse(drained);
    return drained;
  }
}
