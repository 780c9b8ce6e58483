package dev.hotpatch.diff;

import dev.hotpatch.diff.internal.names.Names;
import dev.hotpatch.diff.internal.store.ModuleFacts;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stable layer of a workspace build: the classes the runtime loads once, outside the reloadable
 * module loaders, and that therefore need a restart to change. Immutable.
 *
 * <p>The rule, the only place it is computed: every {@code @HotFacade} interface and every
 * {@code @HotValue} type of any module, plus every workspace class, of any module, that their
 * declarations name (supertypes, field, record component, parameter, return and throws types, type
 * arguments of generic signatures, annotation types), transitively. What code (method bodies,
 * static initializers) uses does not count.
 */
public final class StableLayer {
  /** Why a class is a root of the stable layer. */
  public enum Root {
    /** A {@code @HotFacade} interface. */
    FACADE("@HotFacade interface"),
    /** A {@code @HotValue} type. */
    VALUE("@HotValue");

    private final String label;

    Root(String label) {
      this.label = label;
    }
  }

  private final Map<String, String> moduleOf;
  private final Map<String, String> reasons;
  private final Map<String, Root> roots;

  private StableLayer(
      Map<String, String> moduleOf, Map<String, String> reasons, Map<String, Root> roots) {
    this.moduleOf = moduleOf;
    this.reasons = reasons;
    this.roots = roots;
  }

  /**
   * The stable layer of a workspace. When two modules hold a class of the same name, the first in
   * the map's iteration order owns it, as the first module loader to find it would.
   *
   * @param modules a snapshot of every workspace module, by module name
   */
  public static StableLayer of(Map<String, ModuleSnapshot> modules) {
    Map<String, String> moduleOf = new LinkedHashMap<>();
    Map<String, String> reasons = new HashMap<>();
    Map<String, Root> roots = new HashMap<>();
    Deque<String> work = new ArrayDeque<>();
    // Sorted, so that reasons do not vary by run; a class is a root of the module that owns it.
    Map<String, Root> candidates = new TreeMap<>();
    modules.forEach(
        (module, snapshot) -> {
          ModuleFacts facts = snapshot.store().facts();
          facts.facades().forEach(name -> candidates.putIfAbsent(name, Root.FACADE));
          facts.values().forEach(name -> candidates.putIfAbsent(name, Root.VALUE));
        });
    candidates.forEach(
        (name, root) -> {
          String module = ownerOf(name, modules);
          ModuleFacts facts = modules.get(module).store().facts();
          if (facts.facades().contains(name) || facts.values().contains(name)) {
            Root kind = facts.facades().contains(name) ? Root.FACADE : Root.VALUE;
            moduleOf.put(name, module);
            roots.put(name, kind);
            reasons.put(name, kind.label);
            work.add(name);
          }
        });
    while (!work.isEmpty()) {
      String namer = work.pop();
      Set<String> named =
          new TreeSet<>(modules.get(moduleOf.get(namer)).store().facts().declared(namer));
      for (String type : named) {
        String module = moduleOf.containsKey(type) ? null : ownerOf(type, modules);
        if (module != null) {
          moduleOf.put(type, module);
          reasons.put(type, "named by " + describe(namer, reasons, roots));
          work.add(type);
        }
      }
    }
    return new StableLayer(Map.copyOf(moduleOf), Map.copyOf(reasons), Map.copyOf(roots));
  }

  /** The first module holding a class of this name, as the first module loader to find it. */
  private static String ownerOf(String className, Map<String, ModuleSnapshot> modules) {
    for (Map.Entry<String, ModuleSnapshot> e : modules.entrySet()) {
      if (e.getValue().contains(className)) {
        return e.getKey();
      }
    }
    return null;
  }

  /**
   * {@code @HotValue lib.Quote}, or {@code core.Money, named by @HotValue lib.Quote}: whether the
   * namer is a root is looked up, not read back from the text of its reason.
   */
  private static String describe(
      String namer, Map<String, String> reasons, Map<String, Root> roots) {
    String why = reasons.get(namer);
    return roots.containsKey(namer)
        ? why + " " + Names.binary(namer)
        : Names.binary(namer) + ", " + why;
  }

  /** Whether the class of this name (internal or binary) is stable and owned by {@code module}. */
  public boolean contains(String module, String className) {
    return module.equals(moduleOf.get(Names.internal(className)));
  }

  /** Whether the class is a root of the layer, and which kind; empty for classes roots name. */
  public Optional<Root> root(String className) {
    return Optional.ofNullable(roots.get(Names.internal(className)));
  }

  /**
   * Why a class is stable: {@code @HotFacade interface}, {@code @HotValue}, or {@code named
   * by @HotValue lib.Quote} (with the chain of namers up to a root).
   */
  public Optional<String> reason(String className) {
    return Optional.ofNullable(reasons.get(Names.internal(className)));
  }

  /** Internal names of the stable classes, by module; modules without any are left out. */
  public Map<String, Set<String>> classesByModule() {
    Map<String, Set<String>> out = new TreeMap<>();
    moduleOf.forEach((name, module) -> out.computeIfAbsent(module, m -> new TreeSet<>()).add(name));
    out.replaceAll((module, names) -> Collections.unmodifiableSet(names));
    return Collections.unmodifiableMap(out);
  }

  /** Internal names of the stable classes of one module, sorted. */
  public Set<String> classesOf(String module) {
    return classesByModule().getOrDefault(module, Set.of());
  }

  @Override
  public String toString() {
    return "StableLayer" + classesByModule();
  }
}
