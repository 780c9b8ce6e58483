package dev.hotpatch.runtime.reinstance;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map from objects, compared by identity and held weakly, to values held strongly: an entry goes
 * once nothing else refers to its key. Not thread-safe.
 *
 * <p>{@link java.util.WeakHashMap} compares keys with {@code equals}, which for re-instanced
 * objects would run application code and merge distinct objects that happen to be equal.
 */
public final class WeakIdentityMap {
  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Key key) || key.hash != hash) {
        return false;
      }
      Object referent = get();
      return referent != null && referent == key.get();
    }
  }

  /** A live key and its value. */
  public record Entry(Object key, Object value) {}

  private final Map<Key, Object> entries = new HashMap<>();
  private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

  public Object get(Object key) {
    expunge();
    return entries.get(new Key(key, null));
  }

  public void put(Object key, Object value) {
    expunge();
    entries.put(new Key(key, cleared), value);
  }

  void remove(Object key) {
    expunge();
    entries.remove(new Key(key, null));
  }

  /** The entries whose keys are still alive. */
  public List<Entry> entries() {
    expunge();
    List<Entry> live = new ArrayList<>(entries.size());
    for (Map.Entry<Key, Object> entry : entries.entrySet()) {
      Object key = entry.getKey().get();
      if (key != null) {
        live.add(new Entry(key, entry.getValue()));
      }
    }
    return live;
  }

  private void expunge() {
    for (Reference<?> gone = cleared.poll(); gone != null; gone = cleared.poll()) {
      entries.remove(gone);
    }
  }
}
