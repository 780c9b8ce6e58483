package dev.hotpatch.diff;

import java.util.List;

/**
 * How the workspace's third-party dependencies changed since the application started: artifacts
 * (coordinates or jar paths, as the caller likes) added and removed. Any change requires a restart,
 * since the libraries loader is never reloaded.
 */
public record LibraryChange(List<String> added, List<String> removed) {

  private static final LibraryChange NONE = new LibraryChange(List.of(), List.of());

  public LibraryChange {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /** No change. */
  public static LibraryChange none() {
    return NONE;
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty();
  }

  /** {@code third-party dependencies changed (added: a:b:1.0; removed: a:b:0.9)}. */
  public String describe() {
    StringBuilder out = new StringBuilder("third-party dependencies changed (");
    if (!added.isEmpty()) {
      out.append("added: ").append(String.join(", ", added));
    }
    if (!removed.isEmpty()) {
      out.append(added.isEmpty() ? "" : "; ")
          .append("removed: ")
          .append(String.join(", ", removed));
    }
    return out.append(')').toString();
  }
}
