package dev.hotpatch.diff;

import dev.hotpatch.diff.internal.ModuleFacts;
import dev.hotpatch.diff.internal.Names;
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
  private final Map<String, String> moduleOf;
  private final Map<String, String> reasons;

  private StableLayer(Map<String, String> moduleOf, Map<String, String> reasons) {
    this.moduleOf = moduleOf;
    this.reasons = reasons;
  }

  /**
   * The stable layer of a workspace. When two modules hold a class of the same name, the first in
   * the map's iteration order owns it, as the first module loader to find it would.
   *
   * @param modules a snapshot of every workspace module, by module name
   */
  public static StableLayer of(Map<String, ModuleSnapshot> modules) {
    Map<String, String> owner = new TreeMap<>(); // Sorted, so that reasons do not vary by run.
    modules.forEach(
        (module, snapshot) -> snapshot.classNames().forEach(c -> owner.putIfAbsent(c, module)));
    Map<String, String> moduleOf = new LinkedHashMap<>();
    Map<String, String> reasons = new HashMap<>();
    Deque<String> work = new ArrayDeque<>();
    owner.forEach(
        (name, module) -> {
          ModuleFacts facts = modules.get(module).store().facts();
          if (facts.facades().contains(name) || facts.values().contains(name)) {
            moduleOf.put(name, module);
            reasons.put(name, root(facts, name));
            work.add(name);
          }
        });
    while (!work.isEmpty()) {
      String namer = work.pop();
      for (String named : modules.get(moduleOf.get(namer)).store().facts().declared(namer)) {
        String module = owner.get(named);
        if (module != null && !moduleOf.containsKey(named)) {
          moduleOf.put(named, module);
          reasons.put(named, "named by " + describe(namer, reasons));
          work.add(named);
        }
      }
    }
    return new StableLayer(Map.copyOf(moduleOf), Map.copyOf(reasons));
  }

  private static String root(ModuleFacts facts, String name) {
    return facts.facades().contains(name) ? "@HotFacade interface" : "@HotValue";
  }

  /** {@code @HotValue lib.Quote}, or {@code core.Money, named by @HotValue lib.Quote}. */
  private static String describe(String namer, Map<String, String> reasons) {
    String why = reasons.get(namer);
    return why.startsWith("named by ")
        ? Names.binary(namer) + ", " + why
        : why + " " + Names.binary(namer);
  }

  /** Whether the class of this name (internal or binary) is stable and owned by {@code module}. */
  public boolean contains(String module, String className) {
    return module.equals(moduleOf.get(Names.internal(className)));
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
