package dev.hotpatch.diff.internal.store;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One kind of value that a {@link ClassStore} works out per class, shared with the stores derived
 * from it instead of copied into each: a value worked out for a class holds in every store where
 * the class has the same bytes.
 *
 * <p>The values sit in a map shared by a line of stores, except for the classes whose bytes changed
 * since that map was started ("stale" ones): each store keeps those in a small map of its own. A
 * derived cache costs in proportion to the stale classes, not to the module; once they pile up, it
 * starts a new shared map from what is still valid.
 *
 * @param <V> the kind of value
 */
final class SharedCache<V> {
  /** Beyond this many stale classes a derived cache starts a new shared map. */
  static final int MAX_STALE = 64;

  private final Map<String, V> shared;
  private final Set<String> stale;
  private final Map<String, V> own;

  SharedCache() {
    this(new ConcurrentHashMap<>(), Set.of(), new ConcurrentHashMap<>());
  }

  private SharedCache(Map<String, V> shared, Set<String> stale, Map<String, V> own) {
    this.shared = shared;
    this.stale = stale;
    this.own = own;
  }

  /** The value of a class, or null when none was worked out yet. */
  V get(String name) {
    return map(name).get(name);
  }

  void put(String name, V value) {
    map(name).put(name, value);
  }

  V computeIfAbsent(String name, Function<String, ? extends V> compute) {
    return map(name).computeIfAbsent(name, compute);
  }

  /**
   * The cache of a store derived from this one's, whose classes named {@code changed} have other
   * bytes (or are new, or gone): their values are dropped, every other value is kept.
   */
  SharedCache<V> derive(Set<String> changed) {
    Set<String> nextStale = new HashSet<>(stale);
    nextStale.addAll(changed);
    if (nextStale.size() > MAX_STALE) {
      Map<String, V> fresh = new ConcurrentHashMap<>();
      shared.forEach(
          (name, value) -> {
            if (!nextStale.contains(name)) {
              fresh.put(name, value);
            }
          });
      own.forEach(
          (name, value) -> {
            if (!changed.contains(name)) {
              fresh.put(name, value);
            }
          });
      return new SharedCache<>(fresh, Set.of(), new ConcurrentHashMap<>());
    }
    Map<String, V> nextOwn = new ConcurrentHashMap<>(own);
    nextOwn.keySet().removeAll(changed);
    return new SharedCache<>(shared, Set.copyOf(nextStale), nextOwn);
  }

  /**
   * Where a class's value lives: a stale class's in this store's own map, since the shared one may
   * hold the value for the bytes the class had before.
   */
  private Map<String, V> map(String name) {
    return stale.contains(name) ? own : shared;
  }
}
