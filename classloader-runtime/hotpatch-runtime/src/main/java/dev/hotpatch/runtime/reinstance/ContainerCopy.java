package dev.hotpatch.runtime.reinstance;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A new JDK collection or map of the same kind as an old one, filled with the old one's elements
 * once they are re-instanced.
 *
 * <p>Only the plain data structures of {@code java.util} are copied: lists, sets, maps and deques
 * built with a public no-argument constructor, sorted ones (with their comparator), and the
 * unmodifiable, synchronized and {@code Arrays.asList} views. Anything else (a blocking queue other
 * threads wait on, a priority queue, an enum map) is kept as it is, elements and all.
 */
public final class ContainerCopy {
  private enum Kind {
    NEW_INSTANCE,
    SORTED,
    UNMODIFIABLE,
    SYNCHRONIZED,
    ARRAYS_AS_LIST
  }

  private final Object result;
  private final Collection<Object> collection;
  private final Map<Object, Object> map;
  private final List<Object> fixed;
  private int next;

  private ContainerCopy(
      Object result, Collection<Object> collection, Map<Object, Object> map, List<Object> fixed) {
    this.result = result;
    this.collection = collection;
    this.map = map;
    this.fixed = fixed;
  }

  /** Whether {@code value} is a JDK collection or map that re-instancing copies. */
  public static boolean isCopyable(Object value) {
    return (value instanceof Collection<?> || value instanceof Map<?, ?>)
        && value.getClass().getClassLoader() == null
        && kindOf(value.getClass()) != null;
  }

  private static Kind kindOf(Class<?> type) {
    String name = type.getName();
    if (name.equals("java.util.Arrays$ArrayList")) {
      return Kind.ARRAYS_AS_LIST;
    }
    if (name.startsWith("java.util.ImmutableCollections$")
        || name.startsWith("java.util.Collections$Unmodifiable")
        || name.startsWith("java.util.Collections$Empty")
        || name.startsWith("java.util.Collections$Singleton")) {
      return Kind.UNMODIFIABLE;
    }
    if (name.startsWith("java.util.Collections$Synchronized")) {
      return Kind.SYNCHRONIZED;
    }
    if (type == TreeMap.class
        || type == TreeSet.class
        || type == ConcurrentSkipListMap.class
        || type == ConcurrentSkipListSet.class) {
      return Kind.SORTED;
    }
    boolean plain =
        Modifier.isPublic(type.getModifiers())
            && (type.getPackageName().equals("java.util")
                || type.getPackageName().equals("java.util.concurrent"))
            && !BlockingQueue.class.isAssignableFrom(type)
            && !name.equals("java.util.PriorityQueue")
            && hasPublicNoArgConstructor(type);
    return plain ? Kind.NEW_INSTANCE : null;
  }

  private static boolean hasPublicNoArgConstructor(Class<?> type) {
    try {
      return Modifier.isPublic(type.getConstructor().getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** An empty copy of {@code old}, which {@link #isCopyable} accepted. */
  @SuppressWarnings("unchecked")
  static ContainerCopy emptyLike(Object old) {
    Kind kind = kindOf(old.getClass());
    switch (kind) {
      case ARRAYS_AS_LIST:
        {
          List<Object> fixed = Arrays.asList(new Object[((List<?>) old).size()]);
          return new ContainerCopy(fixed, null, null, fixed);
        }
      case NEW_INSTANCE:
        {
          Object fresh;
          try {
            fresh = old.getClass().getConstructor().newInstance();
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot copy a " + old.getClass().getName(), e);
          }
          return of(fresh, fresh);
        }
      case SORTED:
        {
          Object fresh =
              old instanceof ConcurrentSkipListMap<?, ?> m
                  ? new ConcurrentSkipListMap<>((java.util.Comparator<Object>) m.comparator())
                  : old instanceof ConcurrentSkipListSet<?> s
                      ? new ConcurrentSkipListSet<>((java.util.Comparator<Object>) s.comparator())
                      : old instanceof TreeMap<?, ?> t
                          ? new TreeMap<>((java.util.Comparator<Object>) t.comparator())
                          : new TreeSet<>(
                              (java.util.Comparator<Object>) ((TreeSet<?>) old).comparator());
          return of(fresh, fresh);
        }
      case UNMODIFIABLE:
        return view(old, true);
      default:
        return view(old, false);
    }
  }

  @SuppressWarnings("unchecked")
  private static ContainerCopy of(Object result, Object backing) {
    return backing instanceof Map<?, ?>
        ? new ContainerCopy(result, null, (Map<Object, Object>) backing, null)
        : new ContainerCopy(result, (Collection<Object>) backing, null, null);
  }

  /** An unmodifiable or synchronized view, like {@code old}, over a fresh modifiable copy. */
  @SuppressWarnings("unchecked")
  private static ContainerCopy view(Object old, boolean unmodifiable) {
    if (old instanceof SortedMap<?, ?> sorted) {
      SortedMap<Object, Object> backing =
          new TreeMap<>((java.util.Comparator<Object>) sorted.comparator());
      return of(
          unmodifiable
              ? Collections.unmodifiableSortedMap(backing)
              : Collections.synchronizedSortedMap(backing),
          backing);
    }
    if (old instanceof Map<?, ?>) {
      Map<Object, Object> backing = new LinkedHashMap<>();
      return of(
          unmodifiable
              ? Collections.unmodifiableMap(backing)
              : Collections.synchronizedMap(backing),
          backing);
    }
    if (old instanceof SortedSet<?> sorted) {
      SortedSet<Object> backing = new TreeSet<>((java.util.Comparator<Object>) sorted.comparator());
      return of(
          unmodifiable
              ? Collections.unmodifiableSortedSet(backing)
              : Collections.synchronizedSortedSet(backing),
          backing);
    }
    if (old instanceof Set<?>) {
      Set<Object> backing = new LinkedHashSet<>();
      return of(
          unmodifiable
              ? Collections.unmodifiableSet(backing)
              : Collections.synchronizedSet(backing),
          backing);
    }
    if (old instanceof List<?>) {
      List<Object> backing = new ArrayList<>();
      return of(
          unmodifiable
              ? Collections.unmodifiableList(backing)
              : Collections.synchronizedList(backing),
          backing);
    }
    Collection<Object> backing = new ArrayList<>();
    return of(
        unmodifiable
            ? Collections.unmodifiableCollection(backing)
            : Collections.synchronizedCollection(backing),
        backing);
  }

  /** The elements of a collection, or keys and values alternating for a map. */
  static List<Object> contents(Object old) {
    List<Object> contents = new ArrayList<>();
    if (old instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        contents.add(entry.getKey());
        contents.add(entry.getValue());
      }
    } else {
      contents.addAll((Collection<?>) old);
    }
    return contents;
  }

  Object result() {
    return result;
  }

  /** Adds converted contents, in the order {@link #contents} listed them. */
  void fill(List<Object> converted) {
    if (map != null) {
      for (int i = 0; i + 1 < converted.size(); i += 2) {
        map.put(converted.get(i), converted.get(i + 1));
      }
    } else if (fixed != null) {
      for (Object element : converted) {
        fixed.set(next++, element);
      }
    } else {
      collection.addAll(converted);
    }
  }
}
