package dev.hotpatch.diff.internal;

import dev.hotpatch.diff.Reference;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a whole module build uses of other modules, its stable-layer roots ({@code @HotFacade}
 * interfaces and {@code @HotValue} types) and what each class's declarations name. Computed once
 * per build by reading every class (code included); {@code dev.hotpatch.diff.StableLayer} closes
 * the roots over the declarations of all modules.
 */
public final class ModuleFacts {
  private final Map<Reference, SortedSet<String>> references;
  private final Set<String> facades;
  private final Set<String> values;
  private final Map<String, Set<String>> declared;
  private final Map<String, String> unreadable;

  private ModuleFacts(
      Map<Reference, SortedSet<String>> references,
      Set<String> facades,
      Set<String> values,
      Map<String, Set<String>> declared,
      Map<String, String> unreadable) {
    this.references = references;
    this.facades = facades;
    this.values = values;
    this.declared = declared;
    this.unreadable = unreadable;
  }

  static ModuleFacts collect(ClassStore store) {
    Map<Reference, Set<String>> found = new HashMap<>();
    ReferenceCollector collector = new ReferenceCollector(store.names(), found);
    Map<String, Set<String>> declared = new HashMap<>();
    Set<String> facades = new TreeSet<>();
    Set<String> values = new TreeSet<>();
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
        if (collector.isValue()) {
          values.add(name);
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
        Collections.unmodifiableSet(values),
        Collections.unmodifiableMap(declared),
        Collections.unmodifiableMap(unreadable));
  }

  /** External references, sorted, each with the module classes that make it. */
  public Map<Reference, SortedSet<String>> references() {
    return references;
  }

  /** The module's {@code @HotFacade} interfaces. */
  public Set<String> facades() {
    return facades;
  }

  /** The module's {@code @HotValue} types. */
  public Set<String> values() {
    return values;
  }

  /** What each readable class's declarations name, of any module or none; internal names. */
  public Set<String> declared(String className) {
    return declared.getOrDefault(className, Set.of());
  }

  /** Classes whose references could not be read, with the reason. */
  public Map<String, String> unreadable() {
    return unreadable;
  }
}
