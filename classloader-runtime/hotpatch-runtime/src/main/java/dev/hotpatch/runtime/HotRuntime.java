package dev.hotpatch.runtime;

import static java.util.Objects.requireNonNull;

import dev.hotpatch.internal.HotBridges;
import dev.hotpatch.runtime.internal.ModuleClassLoader;
import dev.hotpatch.runtime.internal.ModuleSlot;
import dev.hotpatch.runtime.internal.PatchCheck;
import dev.hotpatch.runtime.internal.PatchFailedException;
import dev.hotpatch.runtime.internal.RuntimeBridge;
import dev.hotpatch.runtime.internal.StaticsTransfer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The module class loaders of one application, and the patches applied to them.
 *
 * <p>Each workspace module has one current loader. A patch builds new loaders for the modules it
 * lists, carries their static state over and only then makes them current, all at once; if anything
 * fails on the way, nothing changes. Safe to use from any thread: patches are applied one at a
 * time, and readers ({@link #loader}, {@code Hot.call}) never wait for a patch.
 */
public final class HotRuntime {
  private final ClassLoader parent;
  private final Map<String, ModuleSlot> slots;
  private final Object patchLock = new Object();
  private volatile Generation current;
  private boolean anyPatchApplied; // guarded by patchLock
  private long lastPatchId; // guarded by patchLock

  /** The loaders that are current together, and how many patches made them. */
  private record Generation(long version, Map<String, ModuleClassLoader> loaders) {}

  private HotRuntime(ClassLoader parent, Map<String, ModuleSlot> slots, Generation initial) {
    this.parent = parent;
    this.slots = slots;
    this.current = initial;
  }

  /**
   * Builds the loaders of an application's modules.
   *
   * @param parent the parent of every module loader: the loader of the application's third-party
   *     libraries, which must see the hotpatch API
   * @param modules the modules in dependency order: each after every module it depends on
   * @throws IllegalArgumentException if a module is listed twice or depends on a module not listed
   *     before it
   * @throws UncheckedIOException if a class folder cannot be read
   */
  public static HotRuntime create(ClassLoader parent, List<ModuleVersion> modules) {
    requireNonNull(parent, "parent");
    if (modules.isEmpty()) {
      throw new IllegalArgumentException("An application needs at least one module.");
    }
    Map<String, ModuleSlot> slots = new LinkedHashMap<>();
    Map<String, ModuleClassLoader> loaders = new LinkedHashMap<>();
    for (ModuleVersion module : modules) {
      if (loaders.containsKey(module.name())) {
        throw new IllegalArgumentException("Module " + module.name() + " is listed twice.");
      }
      List<ModuleClassLoader> dependencies = new ArrayList<>();
      for (String dependency : module.dependencies()) {
        ModuleClassLoader loader = loaders.get(dependency);
        if (loader == null) {
          throw new IllegalArgumentException(
              "Module "
                  + module.name()
                  + " depends on "
                  + dependency
                  + ", which is not listed before it. List modules in dependency order.");
        }
        dependencies.add(loader);
      }
      ModuleSlot slot = new ModuleSlot(module.name());
      ModuleClassLoader loader = new ModuleClassLoader(module, slot, dependencies, parent);
      slot.makeCurrent(loader);
      slots.put(module.name(), slot);
      loaders.put(module.name(), loader);
    }
    return new HotRuntime(
        parent,
        Collections.unmodifiableMap(slots),
        new Generation(0, Collections.unmodifiableMap(loaders)));
  }

  /**
   * The current loader of {@code module}.
   *
   * @throws IllegalArgumentException if the application has no such module
   */
  public ClassLoader loader(String module) {
    ClassLoader loader = current.loaders().get(module);
    if (loader == null) {
      throw new IllegalArgumentException(
          "No module named "
              + module
              + " in this application; its modules are "
              + current.loaders().keySet()
              + ".");
    }
    return loader;
  }

  /** The current version of every module, in dependency order. */
  public List<ModuleVersion> modules() {
    List<ModuleVersion> modules = new ArrayList<>();
    for (ModuleClassLoader loader : current.loaders().values()) {
      modules.add(loader.spec());
    }
    return List.copyOf(modules);
  }

  /** The number of patches applied so far; 0 before the first. */
  public long version() {
    return current.version();
  }

  /**
   * Makes {@code Hot.call} and {@code Hot.facade} of this JVM use this runtime.
   *
   * @param mainModule the module whose loader finds {@code Hot.facade} implementations
   */
  public void installBridge(String mainModule) {
    loader(mainModule); // Fails early on an unknown module.
    HotBridges.install(new RuntimeBridge(this, mainModule));
  }

  /**
   * Applies a patch: new loaders for {@code modules}, statics carried, then all of them current.
   *
   * <p>Never throws for a bad patch: the result says what failed, and the loaders that were current
   * stay current.
   *
   * @param patchId the patch's number; it must be greater than that of every patch applied before
   * @param modules the new version of every module the patch reloads, in dependency order; the
   *     dependencies of each resolve to the newest loaders, including those of this patch
   */
  public PatchResult apply(long patchId, List<ModuleVersion> modules) {
    synchronized (patchLock) {
      long start = System.nanoTime();
      try {
        List<String> warnings = applyLocked(patchId, modules);
        return PatchResult.applied(patchId, millisSince(start), warnings);
      } catch (PatchFailedException e) {
        return PatchResult.failed(patchId, millisSince(start), e.getMessage());
      } catch (RuntimeException | LinkageError e) {
        return PatchResult.failed(
            patchId, millisSince(start), "Patch " + patchId + " failed unexpectedly: " + e);
      }
    }
  }

  private List<String> applyLocked(long patchId, List<ModuleVersion> modules)
      throws PatchFailedException {
    if (anyPatchApplied && patchId <= lastPatchId) {
      throw new PatchFailedException(
          "Patch "
              + patchId
              + " refused: patch "
              + lastPatchId
              + " is applied already and patch numbers only grow. Nothing was changed.");
    }
    Generation old = current;
    PatchCheck.check(patchId, modules, old.loaders());

    Map<String, ModuleClassLoader> next = new LinkedHashMap<>(old.loaders());
    List<ModuleClassLoader> built = new ArrayList<>();
    for (ModuleVersion module : modules) {
      List<ModuleClassLoader> dependencies = new ArrayList<>();
      for (String dependency : module.dependencies()) {
        dependencies.add(next.get(dependency));
      }
      ModuleClassLoader loader;
      try {
        loader = new ModuleClassLoader(module, slots.get(module.name()), dependencies, parent);
      } catch (UncheckedIOException e) {
        throw new PatchFailedException(
            "Patch " + patchId + " refused: " + e.getCause().getMessage(), e);
      }
      next.put(module.name(), loader);
      built.add(loader);
    }

    List<String> warnings = new ArrayList<>();
    StaticsTransfer transfer = new StaticsTransfer(warnings);
    for (ModuleClassLoader loader : built) {
      transfer.carry(old.loaders().get(loader.moduleName()), loader);
    }

    current = new Generation(old.version() + 1, Collections.unmodifiableMap(next));
    for (ModuleClassLoader loader : built) {
      loader.slot().makeCurrent(loader);
    }
    anyPatchApplied = true;
    lastPatchId = patchId;
    return warnings;
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
