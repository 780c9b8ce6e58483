package dev.hotpatch.runtime.internal;

/**
 * The current loader of one module, shared by all its versions.
 *
 * <p>A superseded loader finds its module's newest code through its slot. The slot points only at
 * the current loader, so an old loader that something still holds does not keep the versions
 * between it and the current one alive.
 */
public final class ModuleSlot {
  private final String module;
  private volatile ModuleClassLoader current;

  public ModuleSlot(String module) {
    this.module = module;
  }

  public String module() {
    return module;
  }

  /** The current loader of the module, or {@code null} before the first one is made current. */
  public ModuleClassLoader current() {
    return current;
  }

  /** Makes {@code loader} current and marks the loader it replaces as superseded. */
  public void makeCurrent(ModuleClassLoader loader) {
    if (loader.slot() != this) {
      throw new IllegalArgumentException(loader + " does not belong to module " + module);
    }
    ModuleClassLoader previous = current;
    // Publish the successor before flagging the predecessor: whoever sees the flag finds the new
    // loader here.
    current = loader;
    if (previous != null && previous != loader) {
      previous.supersede();
    }
  }

  @Override
  public String toString() {
    return "slot of module " + module;
  }
}
