package dev.hotpatch.runtime.loader;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * What the runtime remembers of one module's past versions: the synthetic names each patch moved,
 * so that a lambda created by an old version finds its own body in the newest one, and weak
 * references to every loader of the module, so that an in-place patch can redefine a class in every
 * version that holds it without keeping any version alive.
 *
 * <p>Written under the patch lock, read from any thread: both lists are replaced, never changed.
 */
public final class ModuleHistory {
  /** The renames of the patch that built {@code version}. */
  private record Step(int version, Renames renames) {}

  private volatile List<Step> steps = List.of();
  private final ResourceReads resourceReads = new ResourceReads();
  private volatile List<WeakReference<ModuleClassLoader>> loaders = List.of();

  /** How the application read the module's resources, across its versions. */
  public ResourceReads resourceReads() {
    return resourceReads;
  }

  public void recordRenames(int version, Renames renames) {
    if (renames.isEmpty()) {
      return;
    }
    List<Step> next = new ArrayList<>(steps);
    next.add(new Step(version, renames));
    steps = List.copyOf(next);
  }

  void register(ModuleClassLoader loader) {
    List<WeakReference<ModuleClassLoader>> next = new ArrayList<>();
    for (WeakReference<ModuleClassLoader> known : loaders) {
      if (known.get() != null) {
        next.add(known);
      }
    }
    next.add(new WeakReference<>(loader));
    loaders = List.copyOf(next);
  }

  /** The loaders of this module that are still alive, oldest first. */
  public List<ModuleClassLoader> liveLoaders() {
    List<ModuleClassLoader> live = new ArrayList<>();
    for (WeakReference<ModuleClassLoader> known : loaders) {
      ModuleClassLoader loader = known.get();
      if (loader != null) {
        live.add(loader);
      }
    }
    return live;
  }

  /**
   * The name that {@code qualified} (a class or member of the build {@code fromVersion}) has in the
   * build {@code toVersion}, followed through the recorded patches in between and then {@code
   * pending} (the renames of a patch not recorded yet); {@code null} if a patch removed it.
   */
  public String translate(int fromVersion, int toVersion, String qualified, Renames pending) {
    String name = qualified;
    for (Step step : steps) {
      if (step.version() > fromVersion && step.version() <= toVersion) {
        name = step.renames().map(name);
        if (name == null) {
          return null;
        }
      }
    }
    return pending.map(name);
  }
}
