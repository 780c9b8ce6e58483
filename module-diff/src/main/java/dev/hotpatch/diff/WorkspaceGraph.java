package dev.hotpatch.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The modules of a workspace and the workspace modules each depends on. Immutable. Third-party
 * dependencies are not part of it.
 */
public final class WorkspaceGraph {
  private final Map<String, Set<String>> direct;
  private final List<String> order;
  private final Map<String, Set<String>> transitive = new LinkedHashMap<>();

  private WorkspaceGraph(Map<String, Set<String>> direct, List<String> order) {
    this.direct = direct;
    this.order = order;
    for (String module : order) {
      Set<String> all = new LinkedHashSet<>();
      for (String candidate : order) {
        if (reaches(module, candidate, new HashSet<>())) {
          all.add(candidate);
        }
      }
      transitive.put(module, Collections.unmodifiableSet(all));
    }
  }

  /**
   * A graph from each module's workspace dependencies (direct ones suffice; transitive ones may be
   * listed too). Iteration order of the map breaks ties in {@link #modules()}, so pass the reactor
   * order to keep it.
   *
   * @throws IllegalArgumentException if a dependency is not a module of the map, or the
   *     dependencies form a cycle
   */
  public static WorkspaceGraph of(Map<String, ? extends Collection<String>> dependencies) {
    Map<String, Set<String>> direct = new LinkedHashMap<>();
    dependencies.forEach(
        (module, deps) ->
            direct.put(module, Collections.unmodifiableSet(new LinkedHashSet<>(deps))));
    for (Map.Entry<String, Set<String>> e : direct.entrySet()) {
      for (String dep : e.getValue()) {
        if (!direct.containsKey(dep)) {
          throw new IllegalArgumentException(
              "Module "
                  + e.getKey()
                  + " depends on "
                  + dep
                  + ", which is not a module of the workspace graph; list every workspace module");
        }
      }
    }
    List<String> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (String module : direct.keySet()) {
      visit(module, direct, done, new LinkedHashSet<>(), order);
    }
    return new WorkspaceGraph(Collections.unmodifiableMap(direct), List.copyOf(order));
  }

  private static void visit(
      String module,
      Map<String, Set<String>> direct,
      Set<String> done,
      LinkedHashSet<String> path,
      List<String> order) {
    if (done.contains(module)) {
      return;
    }
    if (!path.add(module)) {
      List<String> cycle = new ArrayList<>(path);
      cycle = cycle.subList(cycle.indexOf(module), cycle.size());
      throw new IllegalArgumentException(
          "Workspace modules depend on each other in a cycle: "
              + String.join(" -> ", cycle)
              + " -> "
              + module);
    }
    for (String dep : direct.get(module)) {
      visit(dep, direct, done, path, order);
    }
    path.remove(module);
    done.add(module);
    order.add(module);
  }

  private boolean reaches(String from, String to, Set<String> seen) {
    for (String dep : direct.get(from)) {
      if (dep.equals(to) || (seen.add(dep) && reaches(dep, to, seen))) {
        return true;
      }
    }
    return false;
  }

  /** All modules, each after every module it depends on. */
  public List<String> modules() {
    return order;
  }

  public boolean contains(String module) {
    return direct.containsKey(module);
  }

  /** The workspace dependencies given for a module. */
  public Set<String> dependenciesOf(String module) {
    return known(direct, module);
  }

  /** Direct and transitive workspace dependencies of a module, in {@link #modules()} order. */
  public Set<String> allDependenciesOf(String module) {
    return known(transitive, module);
  }

  private static Set<String> known(Map<String, Set<String>> map, String module) {
    Set<String> deps = map.get(module);
    if (deps == null) {
      throw new IllegalArgumentException("Module " + module + " is not in the workspace graph");
    }
    return deps;
  }

  @Override
  public String toString() {
    return "WorkspaceGraph" + direct;
  }
}
