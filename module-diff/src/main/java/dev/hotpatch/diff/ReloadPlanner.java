package dev.hotpatch.diff;

import dev.hotpatch.diff.PlannedModule.Strategy;
import dev.hotpatch.diff.change.ChangeKind;
import dev.hotpatch.diff.change.ClassChange;
import dev.hotpatch.diff.classfile.Reference;
import dev.hotpatch.diff.internal.names.Names;
import dev.hotpatch.diff.internal.store.ModuleFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans a patch across the workspace from the diffs of the modules that changed.
 *
 * <p>The rules, in short (the module-diff site page has them in full):
 *
 * <ul>
 *   <li>A changed module whose diff is {@link ModuleDiff#onlyBodiesChanged() body-only} is
 *       redefined {@link Strategy#IN_PLACE in place}; nothing else needs to move for it.
 *   <li>Any other changed module gets a {@link Strategy#NEW_LOADER new loader}. Every module that
 *       references any reloadable class of a module getting a new loader, changed or not, gets a
 *       new loader too, transitively: its current loader is bound to the old loader and would keep
 *       running old code. References only to the stable layer ({@code @HotFacade} interfaces and
 *       the classes they name) do not count.
 *   <li>A change (other than debug-only) to a stable-layer class, or a change of the third-party
 *       dependencies, requires a restart.
 * </ul>
 */
public final class ReloadPlanner {
  private final WorkspaceGraph graph;
  private final Map<String, ModuleDiff> changed = new LinkedHashMap<>();
  private final Map<String, ModuleSnapshot> current;
  private final Map<String, PlannedModule> planned = new LinkedHashMap<>();
  private final List<String> restart = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final boolean inPlace;
  private final StableLayer stableBefore;
  private final StableLayer stableAfter;

  private ReloadPlanner(
      WorkspaceGraph graph,
      Map<String, ModuleDiff> diffs,
      Map<String, ModuleSnapshot> current,
      boolean inPlace) {
    this.graph = graph;
    this.current = current;
    this.inPlace = inPlace;
    for (String module : graph.modules()) {
      ModuleDiff diff = diffs.get(module);
      if (diff != null && !diff.isEmpty()) {
        changed.put(module, diff);
      }
    }
    this.stableBefore = StableLayer.of(workspace(true));
    this.stableAfter = StableLayer.of(workspace(false));
  }

  /** Every module's snapshot before or after the patch, in graph order; unknown ones left out. */
  private Map<String, ModuleSnapshot> workspace(boolean before) {
    Map<String, ModuleSnapshot> out = new LinkedHashMap<>();
    for (String module : graph.modules()) {
      ModuleDiff diff = changed.get(module);
      ModuleSnapshot snapshot =
          diff == null ? current.get(module) : before ? diff.before() : diff.after();
      if (snapshot != null) {
        out.put(module, snapshot);
      }
    }
    return out;
  }

  /** Plans with the third-party dependencies unchanged. */
  public static ReloadPlan plan(
      WorkspaceGraph graph, Map<String, ModuleDiff> diffs, Map<String, ModuleSnapshot> current) {
    return plan(graph, diffs, current, LibraryChange.none());
  }

  /**
   * Plans a patch.
   *
   * @param graph the workspace modules and their workspace dependencies
   * @param diffs the diff of each module that was rebuilt; empty diffs are ignored
   * @param current the newest snapshot of every workspace module (for a rebuilt module, the new
   *     build); used to find who references whom. A missing module is assumed to reference
   *     everything it depends on, with a warning.
   * @param libraries how the third-party dependencies changed
   * @throws IllegalArgumentException if a diff names a module that is not in the graph
   */
  public static ReloadPlan plan(
      WorkspaceGraph graph,
      Map<String, ModuleDiff> diffs,
      Map<String, ModuleSnapshot> current,
      LibraryChange libraries) {
    return plan(graph, diffs, current, libraries, true);
  }

  /**
   * Plans a patch, choosing {@link Strategy#IN_PLACE} for body-only modules only when {@code
   * inPlace} is true: without it, every changed module gets a new loader, and its dependents follow
   * it. For a runtime that cannot redefine classes, or a retry after a redefinition failed.
   */
  public static ReloadPlan plan(
      WorkspaceGraph graph,
      Map<String, ModuleDiff> diffs,
      Map<String, ModuleSnapshot> current,
      LibraryChange libraries,
      boolean inPlace) {
    Objects.requireNonNull(libraries, "libraries");
    for (String module : diffs.keySet()) {
      if (!graph.contains(module)) {
        throw new IllegalArgumentException(
            "A diff was given for module " + module + ", which is not in the workspace graph");
      }
    }
    ReloadPlanner planner = new ReloadPlanner(graph, diffs, Map.copyOf(current), inPlace);
    if (!libraries.isEmpty()) {
      planner.restart.add(libraries.describe());
    }
    planner.changed.forEach(
        (module, diff) -> diff.warnings().forEach(w -> planner.warnings.add(module + ": " + w)));
    planner.checkStableLayer();
    planner.planReloads();
    return new ReloadPlan(List.copyOf(planner.planned.values()), planner.restart, planner.warnings);
  }

  /**
   * A change to a class of the stable layer, before or after the patch, needs a restart. The layer
   * is that of the whole workspace: a class of one module may be stable because a {@code @HotValue}
   * of another names it.
   */
  private void checkStableLayer() {
    for (Map.Entry<String, ModuleDiff> e : changed.entrySet()) {
      String module = e.getKey();
      for (ClassChange change : e.getValue().changes()) {
        if (change.kind() == ChangeKind.DEBUG_ONLY) {
          continue;
        }
        String name = change.className();
        StableLayer layer = stableLayerOf(module, name);
        String stableName = name;
        if (layer == null && !change.renamedFrom().isEmpty()) {
          stableName = change.renamedFrom();
          layer = stableLayerOf(module, stableName);
        }
        if (layer == null) {
          continue;
        }
        String what = Names.binary(name) + " of module " + module;
        restart.add(
            (layer.root(stableName).orElse(null) == StableLayer.Root.FACADE
                    ? "@HotFacade interface " + what
                    : what
                        + ", a stable-layer class ("
                        + layer.reason(stableName).orElseThrow()
                        + "),")
                + " changed ("
                + change.describe().substring(Names.binary(name).length()).trim()
                + "); the stable layer is loaded once, so restart the application to change it");
      }
    }
  }

  /** The stable layer, after or else before the patch, that holds the class; null if none does. */
  private StableLayer stableLayerOf(String module, String className) {
    for (StableLayer layer : List.of(stableAfter, stableBefore)) {
      if (layer.contains(module, className)) {
        return layer;
      }
    }
    return null;
  }

  private void planReloads() {
    for (String module : graph.modules()) {
      ModuleDiff diff = changed.get(module);
      Strategy strategy = null;
      String reason = null;
      if (diff != null) {
        strategy = inPlace && diff.onlyBodiesChanged() ? Strategy.IN_PLACE : Strategy.NEW_LOADER;
        reason = "changed: " + describeChanges(diff);
      }
      for (String dependency : graph.allDependenciesOf(module)) {
        PlannedModule dep = planned.get(dependency);
        if (dep == null || dep.strategy() != Strategy.NEW_LOADER) {
          continue;
        }
        String why = referenceReason(module, dependency);
        if (why != null) {
          strategy = Strategy.NEW_LOADER;
          reason = reason == null ? why : reason + "; " + why;
          break;
        }
      }
      if (strategy != null) {
        planned.put(module, new PlannedModule(module, strategy, reason));
      }
    }
  }

  /**
   * Why {@code module} must follow {@code dependency} into a new loader, or null if it need not.
   */
  private String referenceReason(String module, String dependency) {
    ModuleSnapshot snapshot = snapshotOf(module);
    if (snapshot == null) {
      warnings.add(
          module
              + ": no class snapshot was given, so it is reloaded because "
              + dependency
              + " is");
      return module + " depends on " + dependency + " (no snapshot to check its references)";
    }
    ModuleFacts facts = snapshot.store().facts();
    if (!facts.unreadable().isEmpty()) {
      String first = facts.unreadable().keySet().iterator().next();
      warnings.add(
          module
              + ": the references of "
              + Names.binary(first)
              + " could not be read, so it is reloaded because "
              + dependency
              + " is");
      return module
          + " depends on "
          + dependency
          + " ("
          + Names.binary(first)
          + " could not be read)";
    }
    if (snapshotOf(dependency) == null) {
      // The dependency was reloaded without a snapshot: nothing tells which classes it has.
      return module + " depends on " + dependency + " (no snapshot of its classes)";
    }
    ModuleDiff diff = changed.get(dependency);
    Reference best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Map.Entry<String, Set<Reference>> named : facts.externalByClass().entrySet()) {
      if (!reloadable(dependency, named.getKey())) {
        continue;
      }
      for (Reference r : named.getValue()) {
        boolean classChanged =
            diff != null
                && (!diff.after().contains(r.className())
                    || diff.kindOf(r.className()) != ChangeKind.UNCHANGED);
        // Prefer what a person recognises: a changed class, a method other than a constructor.
        int rank =
            (classChanged ? 0 : 100)
                + 2 * r.kind().ordinal()
                + (r.member().startsWith("<init>") ? 1 : 0);
        if (rank < bestRank || (rank == bestRank && r.compareTo(best) < 0)) {
          best = r;
          bestRank = rank;
        }
      }
    }
    return best == null ? null : module + " references " + best.describe();
  }

  /** Whether a class of a module lives in its loader, not in the stable layer. */
  private boolean reloadable(String module, String className) {
    ModuleDiff diff = changed.get(module);
    boolean present;
    if (diff != null) {
      present = diff.before().contains(className) || diff.after().contains(className);
    } else {
      ModuleSnapshot snapshot = current.get(module);
      present = snapshot != null && snapshot.contains(className);
    }
    return present
        && !stableBefore.contains(module, className)
        && !stableAfter.contains(module, className);
  }

  private ModuleSnapshot snapshotOf(String module) {
    ModuleSnapshot snapshot = current.get(module);
    if (snapshot == null && changed.containsKey(module)) {
      snapshot = changed.get(module).after();
    }
    return snapshot;
  }

  /** {@code lib.Greeter (body-only), lib.Config (structural) and 3 more}. */
  private static String describeChanges(ModuleDiff diff) {
    List<String> parts = new ArrayList<>();
    List<ClassChange> changes = diff.changes();
    for (int i = 0; i < Math.min(3, changes.size()); i++) {
      ClassChange c = changes.get(i);
      parts.add(Names.binary(c.className()) + " (" + kindText(c.kind()) + ")");
    }
    String text = String.join(", ", parts);
    return changes.size() > 3 ? text + " and " + (changes.size() - 3) + " more" : text;
  }

  private static String kindText(ChangeKind kind) {
    return kind.name().toLowerCase().replace('_', '-');
  }
}
