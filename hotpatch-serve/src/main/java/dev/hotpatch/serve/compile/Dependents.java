package dev.hotpatch.serve.compile;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which sources of a module may compile differently after an {@link ApiDelta}. */
final class Dependents {
  private Dependents() {}

  /**
   * The source files of {@code module} that name a changed class or one of its subtypes (whose
   * inherited members changed with it), or that mention one of the delta's identifiers.
   *
   * @param module the module's classes, keyed by internal name, each with its source
   * @param hierarchy every class whose supertypes matter: the module's and those it compiles
   *     against
   */
  static Set<Path> of(
      ApiDelta delta,
      Map<String, ClassFacts> module,
      Collection<Map<String, ClassFacts>> hierarchy,
      Collection<Path> sources,
      IdentifierIndex identifiers) {
    Set<String> affected = withSubtypes(delta.classes(), hierarchy);
    Set<Path> files = new HashSet<>();
    for (ClassFacts facts : module.values()) {
      if (affected.contains(facts.name())
          || facts.references().stream().anyMatch(affected::contains)) {
        files.add(facts.source());
      }
    }
    files.addAll(identifiers.mentioning(delta.identifiers(), sources));
    return files;
  }

  /** {@code classes} and every class that extends or implements one of them, transitively. */
  static Set<String> withSubtypes(
      Set<String> classes, Collection<Map<String, ClassFacts>> hierarchy) {
    Map<String, List<String>> subtypes = new HashMap<>();
    for (Map<String, ClassFacts> index : hierarchy) {
      for (ClassFacts facts : index.values()) {
        if (facts.superName() != null) {
          subtypes
              .computeIfAbsent(facts.superName(), k -> new java.util.ArrayList<>())
              .add(facts.name());
        }
        for (String type : facts.interfaces()) {
          subtypes.computeIfAbsent(type, k -> new java.util.ArrayList<>()).add(facts.name());
        }
      }
    }
    Set<String> closure = new HashSet<>(classes);
    Deque<String> work = new ArrayDeque<>(classes);
    while (!work.isEmpty()) {
      for (String subtype : subtypes.getOrDefault(work.pop(), List.of())) {
        if (closure.add(subtype)) {
          work.push(subtype);
        }
      }
    }
    return closure;
  }
}
