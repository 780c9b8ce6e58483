package dev.hotpatch.diff;

import dev.hotpatch.diff.change.AmbiguousMatch;
import dev.hotpatch.diff.change.ChangeKind;
import dev.hotpatch.diff.change.ClassChange;
import dev.hotpatch.diff.change.ConstantChange;
import dev.hotpatch.diff.change.StructuralChange;
import dev.hotpatch.diff.internal.compare.DiffEngine;
import dev.hotpatch.diff.internal.names.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What changed between two builds of one module, class by class. Immutable.
 *
 * <p>Classes are compared by fingerprint, not by bytes: debug-only differences are told apart from
 * behaviour, and javac's numbered synthetic classes and members (lambdas, anonymous and local
 * classes, switch maps) are matched by what they contain, so inserting a lambda does not make the
 * following ones look new. See the module-diff site page for the rules.
 */
public final class ModuleDiff {
  /** Anonymous and local classes: {@code Outer$1}, {@code Outer$1Local}. */
  private static final Pattern SYNTHETIC_CLASS = Pattern.compile(".*\\$\\d+\\w*");

  private final ModuleSnapshot before;
  private final ModuleSnapshot after;
  private final List<ClassChange> changes;
  private final Map<String, String> renames;
  private final List<AmbiguousMatch> ambiguous;
  private final List<ConstantChange> changedConstants;
  private final List<String> warnings;
  private final Map<String, ClassChange> byName = new HashMap<>();
  private final Set<String> removedSynthetics;

  private ModuleDiff(ModuleSnapshot before, ModuleSnapshot after, DiffEngine.Result result) {
    this.before = before;
    this.after = after;
    this.changes = result.changes();
    this.renames = Collections.unmodifiableMap(new TreeMap<>(result.renames()));
    this.ambiguous = result.ambiguous();
    this.changedConstants = result.constants();
    this.warnings = result.warnings();
    for (ClassChange change : changes) {
      byName.put(change.className(), change);
      if (!change.renamedFrom().isEmpty()) {
        byName.putIfAbsent(change.renamedFrom(), change);
      }
    }
    this.removedSynthetics =
        Collections.unmodifiableSortedSet(removedSynthetics(changes, ambiguous));
  }

  private static SortedSet<String> removedSynthetics(
      List<ClassChange> changes, List<AmbiguousMatch> ambiguous) {
    SortedSet<String> removed = new TreeSet<>();
    ambiguous.forEach(match -> removed.addAll(match.before()));
    for (ClassChange change : changes) {
      String oldName = change.renamedFrom().isEmpty() ? change.className() : change.renamedFrom();
      if (change.kind() == ChangeKind.REMOVED && SYNTHETIC_CLASS.matcher(oldName).matches()) {
        removed.add(oldName);
      }
      for (StructuralChange structural : change.structuralChanges()) {
        String member = structural.member();
        if (structural.kind() == StructuralChange.Kind.METHOD_REMOVED
            && member.startsWith("lambda$")) {
          removed.add(oldName + "." + member.substring(0, member.indexOf('(')));
        }
      }
    }
    return removed;
  }

  /**
   * Compares two builds of a module. Never throws for bad class files: a class that cannot be read
   * or compared counts as changed (structural) and is named in {@link #warnings()}.
   */
  public static ModuleDiff compare(ModuleSnapshot before, ModuleSnapshot after) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    return new ModuleDiff(before, after, DiffEngine.compare(before.store(), after.store()));
  }

  public ModuleSnapshot before() {
    return before;
  }

  public ModuleSnapshot after() {
    return after;
  }

  /** True when no class changed in any way, debug information included. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * True when every changed class is {@link ChangeKind#BODY_ONLY} or {@link ChangeKind#DEBUG_ONLY}:
   * no class added, removed or structurally changed, no synthetic name moved or left ambiguous.
   * Such a build can be applied by redefining the loaded classes in place. Also true for an empty
   * diff.
   */
  public boolean onlyBodiesChanged() {
    return ambiguous.isEmpty() && changes.stream().allMatch(c -> c.kind().redefinable());
  }

  /** Every class that changed in any way, sorted by class name. */
  public List<ClassChange> changes() {
    return changes;
  }

  /**
   * The verdict for one class, by its name in either build (internal or binary name). A class
   * present in the new build and not in {@link #changes()} is {@link ChangeKind#UNCHANGED}.
   *
   * @throws IllegalArgumentException if neither build has the class
   */
  public ChangeKind kindOf(String className) {
    String name = Names.internal(className);
    ClassChange change = byName.get(name);
    if (change != null) {
      return change.kind();
    }
    if (after.contains(name)) {
      return ChangeKind.UNCHANGED;
    }
    throw new IllegalArgumentException(
        "Class " + Names.binary(name) + " is in neither build of the module");
  }

  /**
   * Synthetic classes and members matched under another name, old qualified name to new: {@code
   * demo/App$1 -> demo/App$2}, {@code demo/App.lambda$main$0 -> demo/App.lambda$main$1}. Lambdas
   * and accessors of a renamed class are listed even when their own name stayed, so that a stored
   * lambda (whose {@code SerializedLambda} names class and method) can always be resolved. Sorted.
   */
  public Map<String, String> renames() {
    return renames;
  }

  /**
   * Synthetic classes and lambda bodies of the old build that nothing in the new build takes over,
   * qualified old names ({@code demo/App$3}, {@code demo/App.lambda$main$2}), sorted: removed ones
   * and the old side of every {@link #ambiguous() ambiguous} match. A runtime holding one of them
   * must not run whatever now has its name.
   */
  public Set<String> removedSynthetics() {
    return removedSynthetics;
  }

  /** Synthetic classes or members that could not be matched with certainty. */
  public List<AmbiguousMatch> ambiguous() {
    return ambiguous;
  }

  /**
   * Compile-time constants whose old value other modules may have inlined; the modules that compile
   * against them must be recompiled. Sorted by class and field.
   */
  public List<ConstantChange> changedConstants() {
    return changedConstants;
  }

  /** Classes that could not be read or compared, each counted as changed. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * One line per changed class ({@code lib.Greeter body: greet(); field added: count:int}), then
   * one line per warning ({@code warning: ...}); {@code no changes} when empty.
   */
  public String summary() {
    if (changes.isEmpty() && warnings.isEmpty()) {
      return "no changes";
    }
    List<String> lines = new ArrayList<>();
    changes.forEach(c -> lines.add(c.describe()));
    warnings.forEach(w -> lines.add("warning: " + w));
    return String.join("\n", lines);
  }

  @Override
  public String toString() {
    return summary();
  }
}
