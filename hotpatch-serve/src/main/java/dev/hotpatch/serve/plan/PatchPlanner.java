package dev.hotpatch.serve.plan;

import dev.hotpatch.diff.LibraryChange;
import dev.hotpatch.diff.ModuleDiff;
import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.PlannedModule;
import dev.hotpatch.diff.ReloadPlan;
import dev.hotpatch.diff.ReloadPlanner;
import dev.hotpatch.diff.StableLayer;
import dev.hotpatch.diff.WorkspaceGraph;
import dev.hotpatch.diff.change.ChangeKind;
import dev.hotpatch.diff.change.ClassChange;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides what a freshly compiled set of modules means for the running application: module-diff
 * compares each new build with the one the application runs, and the reload plan says which modules
 * must reload, how, and whether only a restart can be correct. It reads no class file: the builds
 * carry their snapshots.
 */
public final class PatchPlanner {
  private static final String HOT = "dev/hotpatch/Hot";

  /**
   * How many classes each dry plan of the warm-up changes: from one, as most patches do, to twenty,
   * so that the JIT also sees the loops of a larger patch.
   */
  private static final List<Integer> WARM_UP_PLAN_CLASSES = List.of(1, 5, 20, 20, 20);

  /**
   * How the modules depend on each other, and their order, which the steps of a patch keep; one
   * field, so that a dry plan of the warm-up beside a build change reads one or the other whole.
   */
  private volatile Modules modules;

  private record Modules(WorkspaceGraph graph, List<String> order) {}

  /**
   * One module the patch reloads: its new build, the plan's verdict, its diff, and the names of the
   * resources that changed in it.
   */
  public record Step(
      ModuleBuild build, PlannedModule plan, ModuleDiff diff, Set<String> resources) {
    public Step {
      resources = Set.copyOf(resources);
    }

    /**
     * {@code lib v3 (2 classes: 1 body, 1 added)}, {@code lib v4 (1 resource)}, or {@code app v5
     * (cascade)}.
     */
    public String describe() {
      String head = build.name() + " v" + build.version();
      String resourceCount =
          resources.size() + (resources.size() == 1 ? " resource" : " resources");
      if (diff.isEmpty()) {
        return head + (resources.isEmpty() ? " (cascade)" : " (" + resourceCount + ")");
      }
      Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
      for (ClassChange change : diff.changes()) {
        counts.merge(change.kind(), 1, Integer::sum);
      }
      int classes = diff.changes().size();
      return head
          + " ("
          + classes
          + (classes == 1 ? " class: " : " classes: ")
          + counts.entrySet().stream()
              .map(e -> e.getValue() + " " + label(e.getKey()))
              .collect(Collectors.joining(", "))
          + (resources.isEmpty() ? "" : "; " + resourceCount)
          + ")";
    }

    private static String label(ChangeKind kind) {
      return switch (kind) {
        case BODY_ONLY -> "body";
        case DEBUG_ONLY -> "lines";
        case STRUCTURAL -> "structural";
        case ADDED -> "added";
        case REMOVED -> "removed";
        case UNCHANGED -> "unchanged";
      };
    }
  }

  /**
   * The plan for one set of builds.
   *
   * @param steps the modules to reload, in dependency order; empty when no class changed
   * @param restartReason why only a restart is correct, or null
   * @param unreachable why the running application cannot reach the reloaded code, or null
   * @param warnings what the diff or the plan had to assume
   */
  public record Result(
      List<Step> steps, String restartReason, String unreachable, List<String> warnings) {}

  public PatchPlanner(Workspace application) {
    workspaceChanged(application);
  }

  /** The application's modules, or how they depend on each other, changed in its build files. */
  public void workspaceChanged(Workspace application) {
    Map<String, List<String>> dependencies = new LinkedHashMap<>();
    for (WorkspaceModule module : application.modules()) {
      dependencies.put(module.name(), module.dependencies());
    }
    this.modules = new Modules(WorkspaceGraph.of(dependencies), List.copyOf(dependencies.keySet()));
  }

  /**
   * Plans the patch that would replace the {@code current} builds by {@code built}. A module the
   * plan reloads only because one it depends on reloads gets a {@link ModuleBuild#cascade()} of its
   * current build.
   *
   * @param redefinition whether body-only modules may be redefined in place
   * @param resources the resource names that changed in each built module: a module with changed
   *     resources and no changed class is patched in place with no class to redefine, so that its
   *     loader reads resources from the new build
   */
  public Result plan(
      List<ModuleBuild> current,
      List<ModuleBuild> built,
      Redefinition redefinition,
      Map<String, Set<String>> resources) {
    Modules modules = this.modules;
    Map<String, ModuleSnapshot> newest = new LinkedHashMap<>();
    Map<String, ModuleBuild> running = new HashMap<>();
    for (ModuleBuild build : current) {
      newest.put(build.name(), build.classes());
      running.put(build.name(), build);
    }
    Map<String, ModuleDiff> diffs = new LinkedHashMap<>();
    Map<String, ModuleBuild> builds = new HashMap<>();
    for (ModuleBuild build : built) {
      diffs.put(build.name(), ModuleDiff.compare(newest.get(build.name()), build.classes()));
      newest.put(build.name(), build.classes());
      builds.put(build.name(), build);
    }
    ReloadPlan plan =
        ReloadPlanner.plan(
            modules.graph(),
            diffs,
            newest,
            LibraryChange.none(),
            redefinition == Redefinition.ALLOWED);
    List<Step> steps = new ArrayList<>();
    for (PlannedModule module : plan.modules()) {
      ModuleBuild build = builds.get(module.name());
      ModuleDiff diff = diffs.get(module.name());
      if (build == null) {
        // Reloaded for a module it depends on: the same classes, in a new loader.
        build = running.get(module.name()).cascade();
        diff = ModuleDiff.compare(build.classes(), build.classes());
      }
      steps.add(new Step(build, module, diff, resources.getOrDefault(module.name(), Set.of())));
    }
    for (ModuleBuild build : built) {
      Set<String> changed = resources.getOrDefault(build.name(), Set.of());
      if (!changed.isEmpty() && steps.stream().noneMatch(s -> s.build() == build)) {
        // In place even when redefinition is off: there is no class to redefine.
        steps.add(
            new Step(
                build,
                new PlannedModule(
                    build.name(),
                    PlannedModule.Strategy.IN_PLACE,
                    "resources changed: " + String.join(", ", new TreeSet<>(changed))),
                diffs.get(build.name()),
                changed));
      }
    }
    steps.sort(Comparator.comparingInt(s -> modules.order().indexOf(s.build().name())));
    return new Result(
        steps,
        plan.restartRequired().orElse(null),
        unreachable(steps, facadesOf(newest.values())),
        plan.warnings());
  }

  /** Whether the plan may redefine the classes of body-only modules in place. */
  public enum Redefinition {
    /** Body-only modules are redefined in place: the runtime runs as an agent. */
    ALLOWED,
    /** Every changed module gets a new loader: a retry after a redefinition failed. */
    OFF
  }

  /**
   * New loaders change what runs only where the application asks for the newest code: through
   * {@code Hot.call} or {@code Hot.facade} in a reloaded module, or through the facades of the
   * {@code @HotFacade} implementations a reloaded module registers. Without any of these, the
   * running application keeps calling the classes it already holds.
   *
   * @param facades the binary names of every {@code @HotFacade} interface of the workspace
   */
  private static String unreachable(List<Step> steps, Set<String> facades) {
    List<Step> reloaded =
        steps.stream()
            .filter(s -> s.plan().strategy() == PlannedModule.Strategy.NEW_LOADER)
            .toList();
    if (reloaded.isEmpty()) {
      return null;
    }
    for (Step step : reloaded) {
      if (step.build().classes().uses(HOT)
          || registersFacadeImplementation(step.build(), facades)) {
        return null;
      }
    }
    ClassChange first =
        reloaded.stream().flatMap(s -> s.diff().changes().stream()).findFirst().orElseThrow();
    return first.describe().strip()
        + ": no Hot.call or Hot.facade in "
        + reloaded.stream().map(s -> s.build().name()).collect(Collectors.joining(", "))
        + " leads to the new code, so the running application would keep the old one";
  }

  private static Set<String> facadesOf(Collection<ModuleSnapshot> snapshots) {
    Set<String> facades = new HashSet<>();
    for (ModuleSnapshot snapshot : snapshots) {
      snapshot.facades().forEach(name -> facades.add(name.replace('/', '.')));
    }
    return facades;
  }

  /** Whether a build holds a {@code META-INF/services} file named after a facade. */
  private static boolean registersFacadeImplementation(ModuleBuild build, Set<String> facades) {
    for (String facade : facades) {
      if (build.hasFile("META-INF/services/" + facade)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Works out what the first patch of each module needs of the builds the application starts with
   * (their references, their APIs and the stable layer), and plans a few patches of the largest
   * module that are never applied ({@link DryChanges}: a structural change, which reloads the
   * modules above it, and a body change) so that the JIT compiles the diff and the plan before the
   * first real patch; as small steps, to run in order. Only speed is at stake; safe beside {@link
   * #plan} and {@link #workspaceChanged}, so that a patch need not wait for a step.
   */
  public List<Runnable> warmUpSteps(List<ModuleBuild> current) {
    List<Runnable> steps = new ArrayList<>();
    steps.add(() -> FacadeContracts.violations(current));
    for (ModuleBuild build : current) {
      steps.add(
          () -> {
            build.classes().uses(HOT);
            build.classes().packages();
          });
    }
    ModuleBuild largest = current.get(0);
    for (ModuleBuild build : current) {
      if (build.classes().size() > largest.classes().size()) {
        largest = build;
      }
    }
    ModuleBuild dry = largest.cascade();
    Map<String, byte[]> rewritten = new LinkedHashMap<>();
    steps.add(
        () ->
            rewritten.putAll(DryChanges.of(dry.classes(), Collections.max(WARM_UP_PLAN_CLASSES))));
    for (int classes : WARM_UP_PLAN_CLASSES) {
      steps.add(
          () -> {
            Map<String, byte[]> some = new HashMap<>();
            rewritten.entrySet().stream()
                .limit(classes)
                .forEach(e -> some.put(e.getKey(), e.getValue()));
            ModuleSnapshot changed = dry.classes().derive(some, Set.of());
            plan(
                current,
                List.of(
                    new ModuleBuild(
                        dry.name(), dry.version(), dry.layers(), dry.dependencies(), changed)),
                Redefinition.ALLOWED,
                Map.of());
          });
    }
    return steps;
  }

  /**
   * The {@code stableClasses} of {@code launch.json} for an application starting on {@code
   * current}: module-diff's stable layer, the one the plan's restart verdicts use, as binary names
   * by module in dependency order.
   */
  public Map<String, List<String>> stableClasses(List<ModuleBuild> current) {
    Map<String, ModuleSnapshot> snapshots = new LinkedHashMap<>();
    for (ModuleBuild build : current) {
      snapshots.put(build.name(), build.classes());
    }
    Map<String, List<String>> classes = new LinkedHashMap<>();
    StableLayer.of(snapshots)
        .classesByModule()
        .forEach(
            (module, names) ->
                classes.put(module, names.stream().map(n -> n.replace('/', '.')).toList()));
    return classes;
  }
}
