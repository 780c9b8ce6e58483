package dev.hotpatch;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * One patch, as {@link ReloadListener}s see it.
 *
 * @param version the number the patch has (or will have) in this JVM: {@link Hot#version()} once it
 *     is applied
 * @param modules the workspace modules (artifactIds) the patch loads a new version of
 * @param reloadedClasses the binary names ({@code demo.app.Main$1}) of the classes whose code the
 *     patch replaces: every class of a module that gets a new class loader, or the classes
 *     redefined in place
 */
public record ReloadEvent(long version, Set<String> modules, Set<String> reloadedClasses) {
  public ReloadEvent {
    modules = Collections.unmodifiableSortedSet(new TreeSet<>(modules));
    reloadedClasses = Collections.unmodifiableSortedSet(new TreeSet<>(reloadedClasses));
  }

  /** Whether the patch replaces the code of {@code type}, matched by name. */
  public boolean reloads(Class<?> type) {
    return reloadedClasses.contains(type.getName());
  }
}
