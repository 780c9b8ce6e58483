package dev.hotpatch.diff.change;

import dev.hotpatch.diff.internal.names.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * How one class changed between two builds.
 *
 * @param className internal name in the new build ({@code demo/App$2}), or in the old build for a
 *     removed class
 * @param kind the verdict for the class
 * @param renamedFrom the internal name in the old build when a synthetic class was matched under
 *     another name ({@code demo/App$1}), otherwise empty
 * @param changedMethods methods whose code changed, as {@code name + descriptor} in the new build;
 *     debug-only differences are not listed
 * @param structuralChanges what makes the class structural (or, for an added or removed class, an
 *     ambiguous match it took part in); empty for body-only and debug-only classes
 */
public record ClassChange(
    String className,
    ChangeKind kind,
    String renamedFrom,
    List<String> changedMethods,
    List<StructuralChange> structuralChanges) {

  public ClassChange {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(kind, "kind");
    renamedFrom = Objects.requireNonNullElse(renamedFrom, "");
    changedMethods = List.copyOf(changedMethods);
    structuralChanges = List.copyOf(structuralChanges);
  }

  /**
   * One summary line: the binary class name, two spaces, then what changed, for example {@code
   * lib.Greeter body: greet(); field added: count:int}.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    switch (kind) {
      case ADDED:
        parts.add("added");
        break;
      case REMOVED:
        parts.add("removed");
        break;
      case DEBUG_ONLY:
        parts.add("debug-only: line numbers or local variables changed");
        break;
      default:
        break;
    }
    if (!renamedFrom.isEmpty()) {
      parts.add("renamed from " + Names.binary(renamedFrom));
    }
    if (!changedMethods.isEmpty()) {
      StringJoiner methods = new StringJoiner(", ", "body: ", "");
      changedMethods.forEach(m -> methods.add(Names.displayMember(m)));
      parts.add(methods.toString());
    }
    for (StructuralChange change : structuralChanges) {
      if (change.kind() != StructuralChange.Kind.SYNTHETIC_RENAMED || !change.member().isEmpty()) {
        parts.add(change.describe());
      }
    }
    if (parts.isEmpty()) {
      parts.add(kind == ChangeKind.UNCHANGED ? "unchanged" : kind.name().toLowerCase());
    }
    return Names.binary(className) + "  " + String.join("; ", parts);
  }
}
