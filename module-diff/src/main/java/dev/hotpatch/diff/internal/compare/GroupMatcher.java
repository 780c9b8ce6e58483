package dev.hotpatch.diff.internal.compare;

import dev.hotpatch.diff.internal.names.SyntheticNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Matches the old and new synthetic classes or members of one group (same kind, same enclosing
 * method, same descriptor ...) by what they contain rather than by javac's ordinal.
 *
 * <ol>
 *   <li>Same name and same content: the same thing.
 *   <li>Same content under another name: renumbered. Several with one content are paired in source
 *       order; they are indistinguishable, so any pairing runs the same code.
 *   <li>One left on each side: the same thing, edited.
 *   <li>More left on either side, with both sides non-empty: ambiguous.
 *   <li>Left on one side only: added or removed.
 * </ol>
 */
final class GroupMatcher {
  private GroupMatcher() {}

  /** A synthetic class or member; {@code shape} is computed only when content must be compared. */
  static final class Candidate {
    final String name;
    final long ordinal;
    private final Supplier<Digest> shapeSupplier;
    private Digest shape;

    Candidate(String name, Supplier<Digest> shape) {
      this.name = name;
      this.ordinal = SyntheticNames.ordinal(name);
      this.shapeSupplier = shape;
    }

    Digest shape() {
      if (shape == null) {
        shape = shapeSupplier.get();
      }
      return shape;
    }
  }

  record Pair(Candidate before, Candidate after) {}

  record Outcome(
      List<Pair> pairs, List<Candidate> removed, List<Candidate> added, boolean ambiguous) {}

  static Outcome match(List<Candidate> before, List<Candidate> after) {
    if (before.isEmpty() || after.isEmpty()) {
      return new Outcome(List.of(), before, after, false);
    }
    List<Candidate> olds = sorted(before);
    List<Candidate> news = sorted(after);
    List<Pair> pairs = new ArrayList<>();
    for (Candidate o : new ArrayList<>(olds)) {
      for (Candidate n : news) {
        if (n.name.equals(o.name) && n.shape().equals(o.shape())) {
          pairs.add(new Pair(o, n));
          olds.remove(o);
          news.remove(n);
          break;
        }
      }
    }
    Map<Digest, List<Candidate>> oldByShape = byShape(olds);
    Map<Digest, List<Candidate>> newByShape = byShape(news);
    for (Map.Entry<Digest, List<Candidate>> e : oldByShape.entrySet()) {
      List<Candidate> same = newByShape.get(e.getKey());
      if (same == null) {
        continue;
      }
      List<Candidate> oldSame = e.getValue();
      for (int i = 0; i < Math.min(oldSame.size(), same.size()); i++) {
        pairs.add(new Pair(oldSame.get(i), same.get(i)));
        olds.remove(oldSame.get(i));
        news.remove(same.get(i));
      }
    }
    if (olds.size() == 1 && news.size() == 1) {
      pairs.add(new Pair(olds.get(0), news.get(0)));
      return new Outcome(pairs, List.of(), List.of(), false);
    }
    boolean ambiguous = !olds.isEmpty() && !news.isEmpty();
    return new Outcome(pairs, olds, news, ambiguous);
  }

  private static List<Candidate> sorted(List<Candidate> candidates) {
    List<Candidate> out = new ArrayList<>(candidates);
    out.sort(Comparator.comparingLong((Candidate c) -> c.ordinal).thenComparing(c -> c.name));
    return out;
  }

  private static Map<Digest, List<Candidate>> byShape(List<Candidate> candidates) {
    Map<Digest, List<Candidate>> out = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      out.computeIfAbsent(c.shape(), k -> new ArrayList<>()).add(c);
    }
    return out;
  }
}
