package dev.hotpatch.diff.internal;

import dev.hotpatch.diff.Reference;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a whole module build uses of other modules, and which of its classes live in the stable
 * layer. Computed once per build by reading every class (code included).
 *
 * <p>The stable layer of a module is its {@code @HotFacade} interfaces and {@code @HotValue} types
 * (a facade of another module may name these) plus every class of the module that their
 * declarations name (supertypes, field and method types, generic signatures, throws clauses,
 * annotations), closed over the same rule: the runtime loads these once, outside the reloadable
 * module loaders, so they must be loadable without them.
 */
public final class ModuleFacts {
  private final Map<Reference, SortedSet<String>> references;
  private final Set<String> facades;
  private final Set<String> stableLayer;
  private final Map<String, String> unreadable;

  private ModuleFacts(
      Map<Reference, SortedSet<String>> references,
      Set<String> facades,
      Set<String> stableLayer,
      Map<String, String> unreadable) {
    this.references = references;
    this.facades = facades;
    this.stableLayer = stableLayer;
    this.unreadable = unreadable;
  }

  static ModuleFacts collect(ClassStore store) {
    Map<Reference, Set<String>> found = new HashMap<>();
    ReferenceCollector collector = new ReferenceCollector(store.names(), found);
    Map<String, Set<String>> declared = new HashMap<>();
    Set<String> facades = new TreeSet<>();
    Set<String> roots = new TreeSet<>();
    Map<String, String> unreadable = new TreeMap<>(store.unreadable());
    for (String name : store.names()) {
      byte[] bytes = store.bytes(name);
      if (bytes == null) {
        continue;
      }
      try {
        declared.put(name, collector.collect(name, bytes));
        if (collector.isFacade()) {
          facades.add(name);
        }
        if (collector.isFacade() || collector.isValue()) {
          roots.add(name);
        }
      } catch (RuntimeException e) {
        // ASM signals malformed input with assorted runtime exceptions.
        unreadable.put(name, String.valueOf(e));
      }
    }
    Map<Reference, SortedSet<String>> references = new TreeMap<>();
    found.forEach(
        (reference, users) ->
            references.put(reference, Collections.unmodifiableSortedSet(new TreeSet<>(users))));
    return new ModuleFacts(
        Collections.unmodifiableMap(references),
        Collections.unmodifiableSet(facades),
        Collections.unmodifiableSet(closure(roots, declared)),
        Collections.unmodifiableMap(unreadable));
  }

  private static Set<String> closure(Set<String> roots, Map<String, Set<String>> declared) {
    Set<String> out = new TreeSet<>(roots);
    Deque<String> work = new ArrayDeque<>(roots);
    while (!work.isEmpty()) {
      for (String named : declared.getOrDefault(work.pop(), Set.of())) {
        if (out.add(named)) {
          work.push(named);
        }
      }
    }
    return out;
  }

  /** External references, sorted, each with the module classes that make it. */
  public Map<Reference, SortedSet<String>> references() {
    return references;
  }

  /** The module's {@code @HotFacade} interfaces. */
  public Set<String> facades() {
    return facades;
  }

  /** Facades, values and the module classes their declarations name, transitively. */
  public Set<String> stableLayer() {
    return stableLayer;
  }

  /** Classes whose references could not be read, with the reason. */
  public Map<String, String> unreadable() {
    return unreadable;
  }
}
