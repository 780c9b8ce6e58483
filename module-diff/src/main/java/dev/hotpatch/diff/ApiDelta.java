package dev.hotpatch.diff;

import dev.hotpatch.diff.classfile.ClassApi;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the classes other code compiles against changed, as far as compiling against them goes: the
 * one rule for which code must be compiled again after a change.
 *
 * @param classes internal names of classes whose API changed or that are gone: code that names
 *     them, or one of their subtypes, may compile differently
 * @param identifiers names of compile-time constants whose value changed, appeared or went, and
 *     simple names of new top-level classes: javac leaves no reference to an inlined constant, and
 *     a new class can shadow another of the same simple name, so only the sources can tell who is
 *     affected
 */
public record ApiDelta(Set<String> classes, Set<String> identifiers) {
  public static final ApiDelta NONE = new ApiDelta(Set.of(), Set.of());

  public ApiDelta {
    classes = Set.copyOf(classes);
    identifiers = Set.copyOf(identifiers);
  }

  /**
   * The delta between two builds of a module. Only the classes whose bytes differ are read when
   * {@code after} was derived from {@code before}.
   *
   * @throws IllegalArgumentException when a class whose bytes differ cannot be read: the caller
   *     cannot know what changed, and must compile everything that may use the module
   */
  public static ApiDelta between(ModuleSnapshot before, ModuleSnapshot after) {
    Map<String, ClassApi> old = new HashMap<>();
    Map<String, ClassApi> now = new HashMap<>();
    for (String name : after.store().changedSince(before.store())) {
      if (before.contains(name)) {
        old.put(name, before.api(name));
      }
      if (after.contains(name)) {
        now.put(name, after.api(name));
      }
    }
    return between(old, now);
  }

  /** The delta from {@code before} to {@code after}, both keyed by internal class name. */
  public static ApiDelta between(Map<String, ClassApi> before, Map<String, ClassApi> after) {
    Set<String> classes = new HashSet<>();
    Set<String> identifiers = new HashSet<>();
    for (ClassApi old : before.values()) {
      ClassApi now = after.get(old.name());
      if (now == null || !now.api().equals(old.api())) {
        classes.add(old.name());
      }
      Map<String, String> constants = now == null ? Map.of() : now.constants();
      old.constants()
          .forEach(
              (name, value) -> {
                if (!value.equals(constants.get(name))) {
                  identifiers.add(name);
                }
              });
    }
    for (ClassApi now : after.values()) {
      ClassApi old = before.get(now.name());
      Map<String, String> constants = old == null ? Map.of() : old.constants();
      for (String name : now.constants().keySet()) {
        if (!constants.containsKey(name)) {
          identifiers.add(name);
        }
      }
      if (old == null && now.topLevel()) {
        identifiers.add(now.simpleName());
      }
    }
    return new ApiDelta(classes, identifiers);
  }

  public ApiDelta plus(ApiDelta other) {
    if (other.isEmpty()) {
      return this;
    }
    Set<String> allClasses = new HashSet<>(classes);
    allClasses.addAll(other.classes);
    Set<String> allIdentifiers = new HashSet<>(identifiers);
    allIdentifiers.addAll(other.identifiers);
    return new ApiDelta(allClasses, allIdentifiers);
  }

  public boolean isEmpty() {
    return classes.isEmpty() && identifiers.isEmpty();
  }

  /**
   * {@link #classes()} and every class that extends or implements one of them, transitively: code
   * that uses a subtype uses the members it inherits.
   *
   * @param hierarchy the builds whose classes may be subtypes
   */
  public Set<String> classesWithSubtypes(Collection<ModuleSnapshot> hierarchy) {
    Set<String> closure = new HashSet<>(classes);
    if (classes.isEmpty()) {
      return closure;
    }
    // Looked up build by build: merging every build's subtypes first cost a module at the top of
    // a deep reactor a map of the whole workspace on each check.
    List<Map<String, List<String>>> subtypes =
        hierarchy.stream().map(snapshot -> snapshot.store().subtypes()).toList();
    Deque<String> work = new ArrayDeque<>(classes);
    while (!work.isEmpty()) {
      String type = work.pop();
      for (Map<String, List<String>> known : subtypes) {
        for (String subtype : known.getOrDefault(type, List.of())) {
          if (closure.add(subtype)) {
            work.push(subtype);
          }
        }
      }
    }
    return closure;
  }
}
