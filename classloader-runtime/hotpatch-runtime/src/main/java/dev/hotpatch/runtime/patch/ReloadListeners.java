package dev.hotpatch.runtime.patch;

import dev.hotpatch.ReloadEvent;
import dev.hotpatch.ReloadListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link ReloadListener}s of one application, called in the order they were added. */
final class ReloadListeners {
  private final CopyOnWriteArrayList<ReloadListener> listeners = new CopyOnWriteArrayList<>();

  void add(ReloadListener listener) {
    listeners.addIfAbsent(listener);
  }

  void remove(ReloadListener listener) {
    listeners.remove(listener);
  }

  void before(ReloadEvent event, List<String> warnings) {
    for (ReloadListener listener : listeners) {
      try {
        listener.beforeReload(event);
      } catch (RuntimeException | LinkageError e) {
        warnings.add(failed(listener, "before", event, e));
      }
    }
  }

  void after(ReloadEvent event, List<String> warnings) {
    for (ReloadListener listener : listeners) {
      try {
        listener.afterReload(event);
      } catch (RuntimeException | LinkageError e) {
        warnings.add(failed(listener, "after", event, e));
      }
    }
  }

  private static String failed(
      ReloadListener listener, String when, ReloadEvent event, Throwable e) {
    return "Reload listener "
        + listener.getClass().getName()
        + " threw "
        + when
        + " patch "
        + event.version()
        + ": "
        + e;
  }
}
