package dev.hotpatch.diff.internal.store;

import dev.hotpatch.diff.classfile.Reference;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a whole module build uses of other modules, its stable-layer roots ({@code @HotFacade}
 * interfaces and {@code @HotValue} types) and what each class's declarations name. Put together
 * from the {@link ClassRefs} of each class, which a derived build takes over for every class that
 * did not change; {@code dev.hotpatch.diff.StableLayer} closes the roots over the declarations of
 * all modules.
 */
public final class ModuleFacts {
  private final ClassStore store;
  private final Map<String, ClassRefs> classes;
  private final Set<String> facades;
  private final Set<String> values;
  private final Map<String, String> unreadable;
  private volatile Map<Reference, SortedSet<String>> references;

  private volatile Map<String, Set<Reference>> externalByClass;

  /** Answers of {@link #uses}, by class name. */
  private final Map<String, Boolean> uses = new ConcurrentHashMap<>();

  private ModuleFacts(
      ClassStore store,
      Map<String, ClassRefs> classes,
      Set<String> facades,
      Set<String> values,
      Map<String, String> unreadable) {
    this.store = store;
    this.classes = classes;
    this.facades = facades;
    this.values = values;
    this.unreadable = unreadable;
  }

  /**
   * The facts of {@code store}, derived from {@code before}, the facts of the build it was derived
   * from with {@code touched} classes changed: only those are read, the others' facts are taken
   * over as they are.
   */
  static ModuleFacts derive(ModuleFacts before, ClassStore store, Set<String> touched) {
    Map<String, ClassRefs> classes = new HashMap<>(before.classes);
    Set<String> facades = new TreeSet<>(before.facades);
    Set<String> values = new TreeSet<>(before.values);
    Map<String, String> unreadable = new TreeMap<>(before.unreadable);
    for (String name : touched) {
      classes.remove(name);
      facades.remove(name);
      values.remove(name);
      unreadable.remove(name);
      String problem = store.unreadable().get(name);
      if (problem != null) {
        unreadable.put(name, problem);
      } else if (store.contains(name)) {
        collectOne(store, name, classes, facades, values, unreadable);
      }
    }
    ModuleFacts derived =
        new ModuleFacts(
            store,
            Collections.unmodifiableMap(classes),
            Collections.unmodifiableSet(facades),
            Collections.unmodifiableSet(values),
            Collections.unmodifiableMap(unreadable));
    derived.carryUses(before, touched);
    return derived;
  }

  private static void collectOne(
      ClassStore store,
      String name,
      Map<String, ClassRefs> classes,
      Set<String> facades,
      Set<String> values,
      Map<String, String> unreadable) {
    try {
      ClassRefs refs = store.refs(name);
      classes.put(name, refs);
      if (refs.facade()) {
        facades.add(name);
      }
      if (refs.value()) {
        values.add(name);
      }
    } catch (ClassReadException e) {
      unreadable.put(name, e.getMessage());
    }
  }

  static ModuleFacts collect(ClassStore store) {
    Map<String, ClassRefs> classes = new HashMap<>();
    Set<String> facades = new TreeSet<>();
    Set<String> values = new TreeSet<>();
    Map<String, String> unreadable = new TreeMap<>(store.unreadable());
    for (String name : store.names()) {
      if (!unreadable.containsKey(name)) {
        collectOne(store, name, classes, facades, values, unreadable);
      }
    }
    return new ModuleFacts(
        store,
        Collections.unmodifiableMap(classes),
        Collections.unmodifiableSet(facades),
        Collections.unmodifiableSet(values),
        Collections.unmodifiableMap(unreadable));
  }

  /**
   * External references, sorted, each with the module classes that make it. Put together on first
   * use from every class: callers on a patch's path ask {@link #uses} or {@link #of} instead.
   */
  public Map<Reference, SortedSet<String>> references() {
    Map<Reference, SortedSet<String>> result = references;
    if (result == null) {
      Map<Reference, SortedSet<String>> found = new TreeMap<>();
      classes.forEach(
          (name, refs) -> {
            for (Reference r : refs.references()) {
              if (external(r)) {
                found.computeIfAbsent(r, k -> new TreeSet<>()).add(name);
              }
            }
          });
      found.replaceAll((r, users) -> Collections.unmodifiableSortedSet(users));
      result = Collections.unmodifiableMap(found);
      references = result;
    }
    return result;
  }

  /**
   * The distinct external references of the module, grouped by the class they name: what the
   * planner looks through once per dependency that reloads, instead of every reference of every
   * class each time. Built on first use and kept with this build.
   */
  public Map<String, Set<Reference>> externalByClass() {
    Map<String, Set<Reference>> result = externalByClass;
    if (result == null) {
      Map<String, Set<Reference>> found = new HashMap<>();
      for (ClassRefs refs : classes.values()) {
        for (Reference r : refs.references()) {
          if (external(r)) {
            found.computeIfAbsent(r.className(), k -> new HashSet<>()).add(r);
          }
        }
      }
      found.replaceAll((name, references) -> Set.copyOf(references));
      result = Map.copyOf(found);
      externalByClass = result;
    }
    return result;
  }

  /** What each readable class uses and declares, by internal name. */
  public Map<String, ClassRefs> classes() {
    return classes;
  }

  /** Whether a reference points outside the module (strings spell names of any class). */
  public boolean external(Reference r) {
    return !store.contains(r.className());
  }

  /** Whether any class of the module uses {@code className}, a class of another module or none. */
  public boolean uses(String className) {
    if (store.contains(className)) {
      return false;
    }
    return uses.computeIfAbsent(
        className, name -> classes.values().stream().anyMatch(refs -> refs.uses(name)));
  }

  /**
   * Takes over from the facts of the build this one was derived from the classes that no class
   * used, checking only the {@code touched} classes: a patch asks the same question of every new
   * build (does it use {@code Hot}?), and the answer "no" is the one that reads every class.
   */
  private void carryUses(ModuleFacts before, Set<String> touched) {
    before.uses.forEach(
        (name, used) -> {
          if (!used
              && touched.stream()
                  .map(classes::get)
                  .noneMatch(refs -> refs != null && refs.uses(name))) {
            uses.putIfAbsent(name, false);
          }
        });
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
    ClassRefs refs = classes.get(className);
    return refs == null ? Set.of() : refs.declared();
  }

  /** Classes whose references could not be read, with the reason. */
  public Map<String, String> unreadable() {
    return unreadable;
  }
}
