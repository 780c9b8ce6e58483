package dev.hotpatch.diff;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON-friendly form of a {@link ModuleDiff}: records, enums, lists, maps and Strings only, so
 * that Jackson (or any other mapper that handles records) serializes it as it is.
 *
 * @param onlyBodiesChanged see {@link ModuleDiff#onlyBodiesChanged()}
 * @param changes see {@link ModuleDiff#changes()}
 * @param renames see {@link ModuleDiff#renames()}
 * @param ambiguous see {@link ModuleDiff#ambiguous()}
 * @param changedConstants see {@link ModuleDiff#changedConstants()}
 * @param warnings see {@link ModuleDiff#warnings()}
 */
public record DiffReport(
    boolean onlyBodiesChanged,
    List<ClassChange> changes,
    Map<String, String> renames,
    List<AmbiguousMatch> ambiguous,
    List<ConstantChange> changedConstants,
    List<String> warnings) {

  public DiffReport {
    changes = List.copyOf(changes);
    renames = Collections.unmodifiableMap(new TreeMap<>(renames));
    ambiguous = List.copyOf(ambiguous);
    changedConstants = List.copyOf(changedConstants);
    warnings = List.copyOf(warnings);
  }
}
