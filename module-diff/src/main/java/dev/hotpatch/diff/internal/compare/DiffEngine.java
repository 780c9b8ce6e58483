package dev.hotpatch.diff.internal.compare;

import dev.hotpatch.diff.change.AmbiguousMatch;
import dev.hotpatch.diff.change.ChangeKind;
import dev.hotpatch.diff.change.ClassChange;
import dev.hotpatch.diff.change.ConstantChange;
import dev.hotpatch.diff.change.StructuralChange;
import dev.hotpatch.diff.internal.names.Names;
import dev.hotpatch.diff.internal.store.ClassStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two builds of a module: finds the classes whose bytes differ, parses only those, matches
 * synthetic names, then compares fingerprints class by class.
 *
 * <p>It fails closed: a class that cannot be read, or whose comparison throws, is reported as
 * changed with a warning; if the comparison as a whole throws, every class whose bytes differ is.
 */
public final class DiffEngine {
  private DiffEngine() {}

  /** Everything a comparison found, sorted by class name. */
  public record Result(
      List<ClassChange> changes,
      Map<String, String> renames,
      List<AmbiguousMatch> ambiguous,
      List<ConstantChange> constants,
      List<String> warnings) {}

  public static Result compare(ClassStore before, ClassStore after) {
    Set<String> oldOnly = new TreeSet<>();
    Set<String> newOnly = new TreeSet<>();
    Set<String> differ = new TreeSet<>();
    if (before != after) {
      for (String name : before.names()) {
        if (!after.contains(name)) {
          oldOnly.add(name);
        } else if (!sameBytes(before.bytes(name), after.bytes(name))) {
          differ.add(name);
        }
      }
      for (String name : after.names()) {
        if (!before.contains(name)) {
          newOnly.add(name);
        }
      }
    }
    if (oldOnly.isEmpty() && newOnly.isEmpty() && differ.isEmpty()) {
      return new Result(List.of(), Map.of(), List.of(), List.of(), List.of());
    }
    try {
      return new DiffEngine.Run(before, after).compare(oldOnly, newOnly, differ);
    } catch (RuntimeException e) {
      return failClosed(oldOnly, newOnly, differ, e);
    }
  }

  private static boolean sameBytes(byte[] a, byte[] b) {
    // Unreadable files have no bytes and never count as unchanged.
    return a == b ? a != null : a != null && b != null && Arrays.equals(a, b);
  }

  /** One comparison's working state. */
  private static final class Run {
    private final BuildView before;
    private final BuildView after;
    private final List<ClassChange> changes = new ArrayList<>();
    private final List<ConstantChange> constants = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Run(ClassStore before, ClassStore after) {
      this.before = new BuildView(before);
      this.after = new BuildView(after);
    }

    Result compare(Set<String> oldOnly, Set<String> newOnly, Set<String> differ) {
      Set<String> oldDirty = new TreeSet<>();
      Set<String> newDirty = new TreeSet<>();
      for (String name : differ) {
        boolean oldReadable = before.readable(name);
        boolean newReadable = after.readable(name);
        if (oldReadable && newReadable) {
          oldDirty.add(name);
          newDirty.add(name);
        } else {
          String reason =
              oldReadable ? after.unreadable().get(name) : before.unreadable().get(name);
          unreadable(name, ChangeKind.STRUCTURAL, reason);
        }
      }
      for (String name : oldOnly) {
        if (before.readable(name)) {
          oldDirty.add(name);
        } else {
          unreadable(name, ChangeKind.REMOVED, before.unreadable().get(name));
        }
      }
      for (String name : newOnly) {
        if (after.readable(name)) {
          newDirty.add(name);
        } else {
          unreadable(name, ChangeKind.ADDED, after.unreadable().get(name));
        }
      }
      SyntheticMatcher.Result match = SyntheticMatcher.match(before, after, oldDirty, newDirty);
      Map<String, String> pairs = new TreeMap<>(match.pairs());
      Set<String> paired = new HashSet<>(pairs.values());
      paired.addAll(pairs.keySet());
      if (!match.affectedFamilies().isEmpty()) {
        // A class with unchanged bytes may use a name that now denotes another synthetic class.
        for (String name : after.store().names()) {
          if (!paired.contains(name)
              && !differ.contains(name)
              && before.store().contains(name)
              && match.affectedFamilies().contains(Names.family(name))
              && before.readable(name)
              && after.readable(name)) {
            pairs.put(name, name);
          }
        }
      }
      for (Map.Entry<String, String> pair : pairs.entrySet()) {
        comparePair(pair.getKey(), pair.getValue(), match);
      }
      for (String name : match.added()) {
        changes.add(
            new ClassChange(name, ChangeKind.ADDED, "", List.of(), ambiguity(match, name, false)));
      }
      for (String name : match.removed()) {
        changes.add(
            new ClassChange(name, ChangeKind.REMOVED, "", List.of(), ambiguity(match, name, true)));
      }
      changes.sort(Comparator.comparing(ClassChange::className));
      constants.sort(
          Comparator.comparing(ConstantChange::className).thenComparing(ConstantChange::field));
      return new Result(
          List.copyOf(changes),
          Map.copyOf(match.renames()),
          List.copyOf(match.ambiguous()),
          List.copyOf(constants),
          List.copyOf(warnings));
    }

    private void comparePair(String oldName, String newName, SyntheticMatcher.Result match) {
      try {
        ClassPrint oldPrint = before.print(oldName);
        NameMapper mapper =
            match.affectedFamilies().contains(Names.family(newName))
                ? match.mapper()
                : NameMapper.IDENTITY;
        ClassPrint newPrint = after.print(newName, mapper);
        ClassComparator.Result result = ClassComparator.compare(oldPrint, newPrint);
        List<StructuralChange> structural = new ArrayList<>(result.structural());
        for (AmbiguousMatch a : match.ambiguous()) {
          if (a.className().equals(newName) && a.before().get(0).startsWith(oldName + ".")) {
            structural.add(
                new StructuralChange(
                    StructuralChange.Kind.SYNTHETIC_AMBIGUOUS,
                    "",
                    String.join(", ", a.before()),
                    String.join(", ", a.after())));
          }
        }
        constants.addAll(result.constants());
        ChangeKind kind;
        if (!structural.isEmpty()) {
          kind = ChangeKind.STRUCTURAL;
        } else if (!result.changedMethods().isEmpty()) {
          kind = ChangeKind.BODY_ONLY;
        } else if (result.debugChanged()) {
          kind = ChangeKind.DEBUG_ONLY;
        } else {
          return;
        }
        changes.add(
            new ClassChange(
                newName,
                kind,
                oldName.equals(newName) ? "" : oldName,
                result.changedMethods(),
                structural));
      } catch (RuntimeException e) {
        warnings.add(
            "Could not compare class "
                + Names.binary(newName)
                + ": "
                + e
                + ". It is counted as structurally changed.");
        changes.add(
            new ClassChange(
                newName,
                ChangeKind.STRUCTURAL,
                oldName.equals(newName) ? "" : oldName,
                List.of(),
                List.of(unreadableChange(String.valueOf(e)))));
      }
    }

    private void unreadable(String name, ChangeKind kind, String reason) {
      warnings.add(reason + ". It is counted as " + describe(kind) + ".");
      changes.add(new ClassChange(name, kind, "", List.of(), List.of(unreadableChange(reason))));
    }

    private static List<StructuralChange> ambiguity(
        SyntheticMatcher.Result match, String name, boolean old) {
      List<StructuralChange> out = new ArrayList<>();
      for (AmbiguousMatch a : match.ambiguous()) {
        if ((old ? a.before() : a.after()).contains(name)) {
          out.add(
              new StructuralChange(
                  StructuralChange.Kind.SYNTHETIC_AMBIGUOUS,
                  "",
                  String.join(", ", a.before()),
                  String.join(", ", a.after())));
        }
      }
      return out;
    }
  }

  private static Result failClosed(
      Set<String> oldOnly, Set<String> newOnly, Set<String> differ, Throwable e) {
    String reason = "comparison failed: " + e;
    List<ClassChange> changes = new ArrayList<>();
    differ.forEach(n -> changes.add(failed(n, ChangeKind.STRUCTURAL, reason)));
    oldOnly.forEach(n -> changes.add(failed(n, ChangeKind.REMOVED, reason)));
    newOnly.forEach(n -> changes.add(failed(n, ChangeKind.ADDED, reason)));
    changes.sort(Comparator.comparing(ClassChange::className));
    String warning =
        "Could not compare the two builds ("
            + e
            + "); every class whose bytes differ is counted as changed.";
    return new Result(List.copyOf(changes), Map.of(), List.of(), List.of(), List.of(warning));
  }

  private static ClassChange failed(String name, ChangeKind kind, String reason) {
    return new ClassChange(name, kind, "", List.of(), List.of(unreadableChange(reason)));
  }

  private static StructuralChange unreadableChange(String reason) {
    return new StructuralChange(StructuralChange.Kind.UNREADABLE, "", "", reason);
  }

  private static String describe(ChangeKind kind) {
    switch (kind) {
      case ADDED:
        return "added";
      case REMOVED:
        return "removed";
      default:
        return "structurally changed";
    }
  }
}
