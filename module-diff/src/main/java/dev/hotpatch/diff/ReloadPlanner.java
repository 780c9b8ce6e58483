package dev.hotpatch.diff;

import dev.hotpatch.diff.PlannedModule.Strategy;
import dev.hotpatch.diff.internal.ModuleFacts;
import dev.hotpatch.diff.internal.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 *   <li>Modules that depend on a module with a changed compile-time constant, or that use a class
 *       or member that is gone or changed incompatibly, must be recompiled.
 * </ul>
 */
public final class ReloadPlanner {
  private static final Set<StructuralChange.Kind> INCOMPATIBLE =
      Set.of(
          StructuralChange.Kind.METHOD_REMOVED,
          StructuralChange.Kind.METHOD_SIGNATURE_CHANGED,
          StructuralChange.Kind.METHOD_ACCESS_CHANGED,
          StructuralChange.Kind.FIELD_REMOVED,
          StructuralChange.Kind.FIELD_TYPE_CHANGED,
          StructuralChange.Kind.FIELD_ACCESS_CHANGED);

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
    List<RecompileRequest> recompile = planner.planRecompiles();
    return new ReloadPlan(
        List.copyOf(planner.planned.values()), recompile, planner.restart, planner.warnings);
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
        String why = stableReason(module, name);
        if (why == null && !change.renamedFrom().isEmpty()) {
          why = stableReason(module, change.renamedFrom());
        }
        if (why == null) {
          continue;
        }
        String what = Names.binary(name) + " of module " + module;
        restart.add(
            (why.equals("@HotFacade interface")
                    ? "@HotFacade interface " + what
                    : what + ", a stable-layer class (" + why + "),")
                + " changed ("
                + change.describe().substring(Names.binary(name).length()).trim()
                + "); the stable layer is loaded once, so restart the application to change it");
      }
    }
  }

  /** Why the class is stable before or after the patch, or null if it is not. */
  private String stableReason(String module, String className) {
    for (StableLayer layer : List.of(stableAfter, stableBefore)) {
      if (layer.contains(module, className)) {
        return layer.reason(className).orElseThrow();
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
    Set<String> reloadable = reloadableClasses(dependency);
    ModuleDiff diff = changed.get(dependency);
    Reference best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Reference r : facts.references().keySet()) {
      if (!reloadable.contains(r.className())) {
        continue;
      }
      boolean classChanged =
          diff != null
              && (!diff.after().contains(r.className())
                  || diff.kindOf(r.className()) != ChangeKind.UNCHANGED);
      // Prefer what a person recognises: a changed class, a method other than a constructor.
      int rank =
          (classChanged ? 0 : 100)
              + 2 * r.kind().ordinal()
              + (r.member().startsWith("<init>") ? 1 : 0);
      if (rank < bestRank) {
        best = r;
        bestRank = rank;
      }
    }
    return best == null ? null : module + " references " + best.describe();
  }

  /** The classes of a module that live in its loader, not in the stable layer. */
  private Set<String> reloadableClasses(String module) {
    Set<String> out = new HashSet<>();
    ModuleDiff diff = changed.get(module);
    if (diff != null) {
      out.addAll(diff.before().classNames());
      out.addAll(diff.after().classNames());
    } else {
      ModuleSnapshot snapshot = current.get(module);
      if (snapshot != null) {
        out.addAll(snapshot.classNames());
      }
    }
    out.removeAll(stableBefore.classesOf(module));
    out.removeAll(stableAfter.classesOf(module));
    return out;
  }

  private List<RecompileRequest> planRecompiles() {
    Map<String, List<String>> reasons = new LinkedHashMap<>();
    for (Map.Entry<String, ModuleDiff> e : changed.entrySet()) {
      String dependency = e.getKey();
      ModuleDiff diff = e.getValue();
      List<ConstantChange> constants = diff.changedConstants();
      String uncompared = firstUnreadable(diff);
      Map<String, String> gone = goneOrIncompatible(diff);
      for (String module : graph.modules()) {
        if (changed.containsKey(module) || !graph.allDependenciesOf(module).contains(dependency)) {
          continue;
        }
        List<String> why = new ArrayList<>();
        if (!constants.isEmpty()) {
          why.add(
              module
                  + " may have inlined "
                  + constants.get(0).describe()
                  + (constants.size() > 1 ? " (and " + (constants.size() - 1) + " more)" : "")
                  + ", a compile-time constant of "
                  + dependency);
        }
        if (uncompared != null) {
          why.add(
              Names.binary(uncompared)
                  + " of "
                  + dependency
                  + " could not be compared and may hold changed constants");
        }
        if (!gone.isEmpty()) {
          String use = goneReference(module, gone);
          if (use != null) {
            why.add(use);
          }
        }
        if (!why.isEmpty()) {
          reasons.computeIfAbsent(module, k -> new ArrayList<>()).addAll(why);
        }
      }
    }
    List<RecompileRequest> out = new ArrayList<>();
    for (String module : graph.modules()) {
      List<String> why = reasons.get(module);
      if (why != null) {
        out.add(new RecompileRequest(module, String.join("; ", why)));
      }
    }
    return out;
  }

  /** Removed classes ("" member) and incompatibly changed members, by "class member" key. */
  private static Map<String, String> goneOrIncompatible(ModuleDiff diff) {
    Map<String, String> out = new HashMap<>();
    for (ClassChange change : diff.changes()) {
      if (change.kind() == ChangeKind.REMOVED) {
        out.put(change.className() + " ", "which was removed");
      }
      for (StructuralChange s : change.structuralChanges()) {
        if (INCOMPATIBLE.contains(s.kind())) {
          out.put(
              change.className() + " " + s.member(),
              s.kind() == StructuralChange.Kind.METHOD_REMOVED
                      || s.kind() == StructuralChange.Kind.FIELD_REMOVED
                  ? "which was removed"
                  : "which changed incompatibly (" + s.describe() + ")");
        }
      }
    }
    return out;
  }

  private String goneReference(String module, Map<String, String> gone) {
    ModuleSnapshot snapshot = snapshotOf(module);
    if (snapshot == null) {
      return null;
    }
    for (Reference r : snapshot.store().facts().references().keySet()) {
      String what = gone.get(r.className() + " ");
      if (what == null && !r.member().isEmpty()) {
        what = gone.get(r.className() + " " + r.member());
      }
      if (what != null) {
        return module + " references " + r.describe() + ", " + what;
      }
    }
    return null;
  }

  private static String firstUnreadable(ModuleDiff diff) {
    for (ClassChange change : diff.changes()) {
      for (StructuralChange s : change.structuralChanges()) {
        if (s.kind() == StructuralChange.Kind.UNREADABLE) {
          return change.className();
        }
      }
    }
    return null;
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
