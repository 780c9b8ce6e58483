package dev.hotpatch.serve.compile;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How the classes one build compiles against changed, as far as compiling against them goes.
 *
 * @param classes internal names of classes whose API changed or that are gone: code that names
 *     them, or one of their subtypes, may compile differently
 * @param identifiers names of compile-time constants whose value changed, appeared or went, and
 *     simple names of new top-level classes: javac leaves no reference to an inlined constant, and
 *     a new class can shadow another of the same simple name, so only the sources can tell who is
 *     affected
 */
record ApiDelta(Set<String> classes, Set<String> identifiers) {
  static final ApiDelta NONE = new ApiDelta(Set.of(), Set.of());

  ApiDelta {
    classes = Set.copyOf(classes);
    identifiers = Set.copyOf(identifiers);
  }

  /** The delta from {@code before} to {@code after}, both keyed by internal class name. */
  static ApiDelta between(Map<String, ClassFacts> before, Map<String, ClassFacts> after) {
    Set<String> classes = new HashSet<>();
    Set<String> identifiers = new HashSet<>();
    for (ClassFacts old : before.values()) {
      ClassFacts now = after.get(old.name());
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
    for (ClassFacts now : after.values()) {
      ClassFacts old = before.get(now.name());
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

  ApiDelta plus(ApiDelta other) {
    Set<String> allClasses = new HashSet<>(classes);
    allClasses.addAll(other.classes);
    Set<String> allIdentifiers = new HashSet<>(identifiers);
    allIdentifiers.addAll(other.identifiers);
    return new ApiDelta(allClasses, allIdentifiers);
  }

  boolean isEmpty() {
    return classes.isEmpty() && identifiers.isEmpty();
  }
}
