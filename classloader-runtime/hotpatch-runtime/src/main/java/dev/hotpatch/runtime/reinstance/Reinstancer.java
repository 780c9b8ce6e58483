package dev.hotpatch.runtime.reinstance;

import dev.hotpatch.runtime.loader.CaptureConverter;
import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleRegistry;
import dev.hotpatch.runtime.loader.Renames;
import dev.hotpatch.runtime.log.Log;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps, for the whole session, which new object each re-instanced old object became, so that the
 * same old object always becomes the same new object: whether a patch reaches it through a static
 * field or a {@code Hot.call} captures it later.
 *
 * <p>Old objects are held weakly. Their new objects are held strongly, for as long as the old one
 * lives: a body that captured an old object and changed its new object's state finds that state
 * again on its next call. Every patch re-instances the new objects whose classes it reloads, so the
 * table never holds an object of a superseded class, and so no superseded loader.
 *
 * <p>One round at a time: a patch holds the lock from its first conversion to its commit, and so
 * does each conversion of a capture.
 */
public final class Reinstancer implements CaptureConverter {
  private final ReentrantLock lock = new ReentrantLock();
  private final WeakIdentityMap table = new WeakIdentityMap();

  public void lock() {
    lock.lock();
  }

  public void unlock() {
    lock.unlock();
  }

  /** A round against {@code target}; the caller holds the lock until it commits or drops it. */
  public Reinstancing round(
      ModuleRegistry registry,
      Generation target,
      Map<String, Renames> pending,
      List<String> warnings) {
    return new Reinstancing(registry, target, pending, table, warnings);
  }

  /**
   * Converts, within {@code round}, the new objects of earlier rounds that are stale against its
   * target, and returns what each of their old objects must map to once the round commits.
   */
  public Map<Object, Object> upgrade(Reinstancing round) {
    Map<Object, Object> updates = new IdentityHashMap<>();
    for (WeakIdentityMap.Entry entry : table.entries()) {
      Object upgraded = round.convert(entry.value());
      if (upgraded != entry.value()) {
        updates.put(entry.key(), upgraded);
      }
    }
    return updates;
  }

  /** Keeps what {@code round} converted, and {@code updates} from {@link #upgrade}. */
  public void commit(Reinstancing round, Map<Object, Object> updates) {
    round.converted().forEach(table::put);
    updates.forEach(
        (old, upgraded) -> {
          if (upgraded == Reinstancing.UNCONVERTIBLE) {
            table.remove(old); // Its class is gone; nothing can stand for it any more.
          } else {
            table.put(old, upgraded);
          }
        });
  }

  /**
   * Converts a value captured by a {@code Hot.call} body against the current generation, running
   * the {@code @OnReload} hooks of the objects it creates.
   *
   * @throws ReinstanceException if a value cannot be converted
   */
  @Override
  public Object convertNow(ModuleRegistry registry, Object value) {
    List<String> warnings = new ArrayList<>();
    Object result;
    lock();
    try {
      Reinstancing round = round(registry, registry.current(), Map.of(), warnings);
      result = round.convert(value);
      round.runHooks();
      commit(round, Map.of());
    } finally {
      unlock();
    }
    for (String warning : warnings) {
      Log.line(warning);
    }
    return result;
  }
}
