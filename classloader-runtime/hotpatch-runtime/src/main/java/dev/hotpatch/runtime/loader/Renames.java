package dev.hotpatch.runtime.loader;

import java.util.Map;
import java.util.Set;

/**
 * The synthetic names one patch moved in one module: module-diff's old-to-new map of qualified
 * internal names ({@code demo/App$1}, {@code demo/App.lambda$main$0}) and the names it found no
 * match for.
 */
public final class Renames {
  public static final Renames NONE = new Renames(Map.of(), Set.of());

  private final Map<String, String> moved;
  private final Set<String> removed;

  public Renames(Map<String, String> moved, Set<String> removed) {
    this.moved = Map.copyOf(moved);
    this.removed = Set.copyOf(removed);
  }

  public boolean isEmpty() {
    return moved.isEmpty() && removed.isEmpty();
  }

  /**
   * The name that {@code qualified}, a class ({@code demo/App$1}) or member ({@code
   * demo/App.lambda$main$0}) of the previous build, has in the new build, or {@code null} if it is
   * gone. A member of a renamed class that is not listed itself keeps its name in the new class.
   */
  public String map(String qualified) {
    String direct = moved.get(qualified);
    if (direct != null) {
      return direct;
    }
    if (removed.contains(qualified)) {
      return null;
    }
    int dot = qualified.lastIndexOf('.');
    if (dot < 0) {
      return qualified;
    }
    String owner = qualified.substring(0, dot);
    String newOwner = map(owner);
    return newOwner == null ? null : newOwner + qualified.substring(dot);
  }
}
