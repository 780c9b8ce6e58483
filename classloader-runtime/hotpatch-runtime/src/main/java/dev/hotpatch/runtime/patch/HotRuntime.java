package dev.hotpatch.runtime.patch;

import static java.util.Objects.requireNonNull;

import dev.hotpatch.HotBridges;
import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.PatchResult;
import dev.hotpatch.runtime.facade.FacadeTargets;
import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import dev.hotpatch.runtime.loader.ModuleHistory;
import dev.hotpatch.runtime.loader.ModuleRegistry;
import dev.hotpatch.runtime.loader.ResourceReads;
import dev.hotpatch.runtime.loader.StableLoader;
import dev.hotpatch.runtime.reinstance.Reinstancer;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.SwitchPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;

/**
 * The module class loaders of one application, and the patches applied to them.
 *
 * <p>Each workspace module has one current loader. A patch builds new loaders for the modules it
 * reloads (or redefines classes in place), carries their static state over, re-instances the
 * objects that state reaches, and only then makes the patch current, all at once; if anything fails
 * on the way, nothing changes. Safe to use from any thread: patches are applied one at a time, and
 * readers ({@link #loader}, {@code Hot.call}) never wait for a patch.
 */
public final class HotRuntime {
  private final ModuleRegistry registry;
  // The stable layer, parent of every module loader, new ones included.
  private final ClassLoader parent;
  private final Reinstancer reinstancer;
  private final FacadeTargets facades;
  private final ReloadListeners listeners = new ReloadListeners();
  private final StopActions stopActions = new StopActions();
  private final Object patchLock = new Object();
  // False for a rehearsal, whose classes no application thread runs.
  private final boolean unwinds;
  private boolean anyPatchApplied; // guarded by patchLock
  private long lastPatchId; // guarded by patchLock

  private HotRuntime(
      ModuleRegistry registry, ClassLoader parent, Reinstancer reinstancer, boolean unwinds) {
    this.registry = registry;
    this.parent = parent;
    this.reinstancer = reinstancer;
    this.unwinds = unwinds;
    this.facades = new FacadeTargets(registry);
  }

  /** Builds the loaders of an application's modules, without in-place patching. */
  public static HotRuntime create(
      ClassLoader parent, List<ModuleVersion> modules, Map<String, List<String>> stableClasses) {
    return create(parent, modules, stableClasses, null);
  }

  /**
   * Builds the loaders of an application's modules.
   *
   * @param parent the loader of the application's third-party libraries, which must see the
   *     hotpatch API: the parent of the stable layer, which is the parent of every module loader
   * @param modules the modules in dependency order: each after every module it depends on
   * @param stableClasses the classes of the stable layer (binary names, by module), as
   *     module-diff's {@code StableLayer} finds them; {@code launch.json} carries them
   * @param instrumentation the JVM's instrumentation from the hotpatch agent, for in-place patches;
   *     {@code null} refuses them
   * @throws IllegalArgumentException if a module is listed twice or depends on a module not listed
   *     before it, or a stable class is not in its module
   * @throws UncheckedIOException if a class folder cannot be read
   */
  public static HotRuntime create(
      ClassLoader parent,
      List<ModuleVersion> modules,
      Map<String, List<String>> stableClasses,
      Instrumentation instrumentation) {
    return create(parent, modules, stableClasses, instrumentation, true);
  }

  /**
   * A runtime for rehearsing the patch path before the first real patch (the application's
   * warm-up): like {@link #create(ClassLoader, List, Map)}, but over modules that no application
   * thread runs, so its patches never arm the unwinding of the application's threads.
   */
  public static HotRuntime rehearsal(ClassLoader parent, List<ModuleVersion> modules) {
    return create(parent, modules, Map.of(), null, false);
  }

  private static HotRuntime create(
      ClassLoader parent,
      List<ModuleVersion> modules,
      Map<String, List<String>> stableClasses,
      Instrumentation instrumentation,
      boolean unwinds) {
    requireNonNull(parent, "parent");
    if (modules.isEmpty()) {
      throw new IllegalArgumentException("An application needs at least one module.");
    }
    Map<String, ModuleClassLoader> loaders = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (ModuleVersion module : modules) {
      if (names.contains(module.name())) {
        throw new IllegalArgumentException("Module " + module.name() + " is listed twice.");
      }
      for (String dependency : module.dependencies()) {
        if (!names.contains(dependency)) {
          throw new IllegalArgumentException(
              "Module "
                  + module.name()
                  + " depends on "
                  + dependency
                  + ", which is not listed before it. List modules in dependency order.");
        }
      }
      names.add(module.name());
    }
    Reinstancer reinstancer = new Reinstancer();
    ModuleRegistry registry = new ModuleRegistry(names, instrumentation, reinstancer);
    // Found once, in the build the application starts with: patches never replace it.
    StableLoader stable = StableLoader.of(parent, modules, stableClasses);
    for (ModuleVersion module : modules) {
      loaders.put(module.name(), new ModuleClassLoader(module, registry, loaders, stable));
    }
    registry.start(new Generation(0, loaders, new SwitchPoint()));
    return new HotRuntime(registry, stable, reinstancer, unwinds);
  }

  /**
   * The current loader of {@code module}.
   *
   * @throws IllegalArgumentException if the application has no such module
   */
  public ClassLoader loader(String module) {
    Generation generation = registry.current();
    ClassLoader loader = generation.loader(module);
    if (loader == null) {
      throw new IllegalArgumentException(
          "No module named "
              + module
              + " in this application; its modules are "
              + generation.loaders().keySet()
              + ".");
    }
    return loader;
  }

  /** The current version of every module, in dependency order. */
  public List<ModuleVersion> modules() {
    List<ModuleVersion> modules = new ArrayList<>();
    for (ModuleClassLoader loader : registry.current().loaders().values()) {
      modules.add(loader.spec());
    }
    return List.copyOf(modules);
  }

  /** The number of patches applied so far; 0 before the first. */
  public long version() {
    return registry.current().version();
  }

  /**
   * Makes {@code Hot} of this JVM use this runtime: {@code Hot.call} sites of module classes link
   * to it, and {@code Hot.facade} finds implementations with {@code mainModule}'s loader.
   */
  public void installBridge(String mainModule) {
    loader(mainModule); // Fails early on an unknown module.
    facades.setMainModule(mainModule);
    HotBridges.install(new RuntimeBridge(registry, facades, listeners, stopActions));
  }

  /** What the application registered to stop it ({@code Hot.onStop}). */
  public StopActions stopActions() {
    return stopActions;
  }

  /**
   * The stable layer of this start: the parent of every module loader it ever makes, so a loader is
   * of this start exactly when this one is among its ancestors.
   */
  public ClassLoader stableLoader() {
    return parent;
  }

  /**
   * Applies a patch: each module gets a new loader or has classes redefined in place, statics are
   * carried and objects re-instanced, then all of it becomes current at once.
   *
   * <p>Never throws for a bad patch: the result says what failed, and what was current stays
   * current.
   *
   * @param patchId the patch's number; it must be greater than that of every patch applied before
   * @param modules what the patch does to each module it changes, in dependency order; the
   *     dependencies of each resolve to the newest loaders, including those of this patch
   */
  public PatchResult apply(long patchId, List<ModulePatch> modules) {
    synchronized (patchLock) {
      long start = System.nanoTime();
      try {
        if (anyPatchApplied && patchId <= lastPatchId) {
          throw new PatchFailedException(
              "Patch "
                  + patchId
                  + " refused: patch "
                  + lastPatchId
                  + " is applied already and patch numbers only grow. Nothing was changed.");
        }
        List<String> warnings =
            PatchTransaction.apply(
                registry, reinstancer, facades, listeners, parent, unwinds, patchId, modules);
        anyPatchApplied = true;
        lastPatchId = patchId;
        return PatchResult.applied(
            patchId, version(), millisSince(start), warnings, staleResources(modules));
      } catch (PatchFailedException e) {
        return PatchResult.failed(
            patchId, version(), millisSince(start), e.getMessage(), e.retryAsNewLoader());
      } catch (RuntimeException | LinkageError e) {
        return PatchResult.failed(
            patchId,
            version(),
            millisSince(start),
            "Patch " + patchId + " failed unexpectedly: " + e,
            false);
      }
    }
  }

  /**
   * The changed resources of a patch that the application read once and holds in memory, so that it
   * will not see them; a resource bundle's cache is cleared instead, so that the next lookup reads
   * the new content.
   */
  private List<PatchResult.StaleResource> staleResources(List<ModulePatch> modules) {
    List<PatchResult.StaleResource> stale = new ArrayList<>();
    for (ModulePatch module : modules) {
      ModuleHistory history = registry.history(module.name());
      ResourceReads reads = history.resourceReads();
      for (String name : module.changedResources()) {
        if (reads.readAsBundle(name)) {
          history.liveLoaders().forEach(ResourceBundle::clearCache);
          reads.forget(name);
          continue;
        }
        reads
            .staleAfterChange(name)
            .ifPresent(
                once ->
                    stale.add(new PatchResult.StaleResource(module.name(), name, once.reader())));
      }
    }
    return stale;
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
