package dev.hotpatch.runtime;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one patch does to one module: which build it loads, how, and what module-diff found out
 * about its synthetic names.
 *
 * @param module the module's new build
 * @param strategy how the runtime loads it
 * @param changedClasses for {@link Strategy#IN_PLACE}: the binary names of the classes whose method
 *     bodies changed, which are redefined where they are loaded; empty for {@link
 *     Strategy#NEW_LOADER}
 * @param renames synthetic classes and members that module-diff matched under another name, old
 *     qualified internal name to new: {@code demo/App$1 -> demo/App$2}, {@code
 *     demo/App.lambda$main$0 -> demo/App.lambda$main$1}. A lambda created before the patch runs the
 *     body it was matched with, never the one that took over its old name.
 * @param removed synthetic classes and members of the old build that match nothing in the new one,
 *     in the same notation: a lambda naming one fails with a clear error instead of running the
 *     body that now has its name
 * @param changedResources the names of the module's resources (not classes) that the new build
 *     changed, added or deleted: the runtime tells which of them the application will not see
 */
public record ModulePatch(
    ModuleVersion module,
    Strategy strategy,
    Set<String> changedClasses,
    Map<String, String> renames,
    Set<String> removed,
    Set<String> changedResources) {

  /** A patch that changes no resource. */
  public ModulePatch(
      ModuleVersion module,
      Strategy strategy,
      Set<String> changedClasses,
      Map<String, String> renames,
      Set<String> removed) {
    this(module, strategy, changedClasses, renames, removed, Set.of());
  }

  /** How a module's new build is loaded; see the "Patch strategies" of the design. */
  public enum Strategy {
    /** A new class loader for the module: anything may change. */
    NEW_LOADER("new-loader"),
    /** {@code Instrumentation.redefineClasses} on the loaded classes: method bodies only. */
    IN_PLACE("in-place");

    private final String wireName;

    Strategy(String wireName) {
      this.wireName = wireName;
    }

    /** The name in patch messages: {@code new-loader}, {@code in-place}. */
    public String wireName() {
      return wireName;
    }
  }

  public ModulePatch {
    requireNonNull(module, "module");
    requireNonNull(strategy, "strategy");
    changedClasses = Collections.unmodifiableSortedSet(new TreeSet<>(changedClasses));
    renames = Collections.unmodifiableSortedMap(new TreeMap<>(renames));
    removed = Collections.unmodifiableSortedSet(new TreeSet<>(removed));
    changedResources = Collections.unmodifiableSortedSet(new TreeSet<>(changedResources));
    if (strategy == Strategy.NEW_LOADER && !changedClasses.isEmpty()) {
      throw new IllegalArgumentException(
          "Module "
              + module.label()
              + " is patched with a new loader; changed classes are listed for in-place patches"
              + " only.");
    }
  }

  /** A new loader for {@code module}, with no synthetic name that moved. */
  public static ModulePatch newLoader(ModuleVersion module) {
    return new ModulePatch(module, Strategy.NEW_LOADER, Set.of(), Map.of(), Set.of());
  }

  /** A new loader for {@code module}, with module-diff's renames and removals. */
  public static ModulePatch newLoader(
      ModuleVersion module, Map<String, String> renames, Set<String> removed) {
    return new ModulePatch(module, Strategy.NEW_LOADER, Set.of(), renames, removed);
  }

  /** The bodies of {@code changedClasses} redefined in place; the module keeps its loader. */
  public static ModulePatch inPlace(ModuleVersion module, Set<String> changedClasses) {
    return new ModulePatch(module, Strategy.IN_PLACE, changedClasses, Map.of(), Set.of());
  }

  public String name() {
    return module.name();
  }
}
