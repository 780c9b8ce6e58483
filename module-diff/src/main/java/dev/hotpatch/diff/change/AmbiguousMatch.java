package dev.hotpatch.diff.change;

import java.util.List;
import java.util.Objects;

/**
 * Synthetic classes or members of the old build that could correspond to more than one of the new
 * build. None of them appears in {@code ModuleDiff.renames()}: the old ones count as removed and
 * the new ones as added, and a runtime holding an old lambda or object among them unwinds to an
 * enclosing {@code Hot.call} rather than guess.
 *
 * @param className internal name (new build) of the class the members belong to, or of the class
 *     the synthetic classes are declared in
 * @param before qualified old names: {@code demo/App.lambda$main$0} or {@code demo/App$1}
 * @param after qualified new names they could have become
 */
public record AmbiguousMatch(String className, List<String> before, List<String> after) {

  public AmbiguousMatch {
    Objects.requireNonNull(className, "className");
    before = List.copyOf(before);
    after = List.copyOf(after);
  }

  /** {@code demo/App.lambda$main$0, demo/App.lambda$main$1 -> demo/App.lambda$main$0}. */
  public String describe() {
    return String.join(", ", before) + " -> " + String.join(", ", after);
  }
}
