package dev.hotpatch.runtime.patch;

import dev.hotpatch.ReloadEvent;
import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.callsite.Unwinding;
import dev.hotpatch.runtime.facade.FacadeTargets;
import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import dev.hotpatch.runtime.loader.ModuleRegistry;
import dev.hotpatch.runtime.loader.Renames;
import dev.hotpatch.runtime.reinstance.OnReloadHooks;
import dev.hotpatch.runtime.reinstance.ReinstanceException;
import dev.hotpatch.runtime.reinstance.Reinstancer;
import dev.hotpatch.runtime.reinstance.Reinstancing;
import java.io.UncheckedIOException;
import java.lang.invoke.SwitchPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one patch, all or nothing: everything that can fail (building loaders, defining and
 * verifying the classes the application uses, static initializers, carrying statics, re-instancing,
 * {@code @OnReload} hooks, in-place redefinition) happens before the patch becomes visible; then a
 * few steps that cannot fail make it current. Until then the application runs the old code
 * undisturbed, and a failure leaves it so.
 *
 * <p>Runs under the runtime's patch lock, one patch at a time.
 */
final class PatchTransaction {
  private final ModuleRegistry registry;
  private final Reinstancer reinstancer;
  private final FacadeTargets facades;
  private final ReloadListeners listeners;
  private final ClassLoader parent;
  private final boolean unwinds;
  private final long patchId;
  private final List<ModulePatch> patches;
  private final List<String> warnings = new ArrayList<>();

  private PatchTransaction(
      ModuleRegistry registry,
      Reinstancer reinstancer,
      FacadeTargets facades,
      ReloadListeners listeners,
      ClassLoader parent,
      boolean unwinds,
      long patchId,
      List<ModulePatch> patches) {
    this.registry = registry;
    this.reinstancer = reinstancer;
    this.facades = facades;
    this.listeners = listeners;
    this.parent = parent;
    this.unwinds = unwinds;
    this.patchId = patchId;
    this.patches = patches;
  }

  /**
   * Applies the patch.
   *
   * @param registry the registry the application's loaders share
   * @param reinstancer the application's objects re-instanced so far
   * @param facades the application's facades, re-targeted by the patch
   * @param listeners the application's reload listeners, told before and after
   * @param parent the parent of the new loaders: the stable layer
   * @param unwinds whether threads running replaced code unwind; false for a rehearsal only
   * @return what the patch could not keep
   * @throws PatchFailedException if the patch cannot be made current; nothing changed then
   */
  static List<String> apply(
      ModuleRegistry registry,
      Reinstancer reinstancer,
      FacadeTargets facades,
      ReloadListeners listeners,
      ClassLoader parent,
      boolean unwinds,
      long patchId,
      List<ModulePatch> patches)
      throws PatchFailedException {
    return new PatchTransaction(
            registry, reinstancer, facades, listeners, parent, unwinds, patchId, patches)
        .apply();
  }

  private List<String> apply() throws PatchFailedException {
    Generation old = registry.current();
    PatchCheck.check(patchId, patches, old, registry.instrumentation());
    long version = old.version() + 1;

    Map<String, ModuleClassLoader> loaders = new LinkedHashMap<>(old.loaders());
    List<StaticsTransfer.Move> moves = new ArrayList<>();
    Map<String, Renames> renames = new HashMap<>();
    List<InPlaceRedefinition> inPlace = new ArrayList<>();
    Set<String> reloaded = new LinkedHashSet<>();
    for (ModulePatch patch : patches) {
      if (patch.strategy() == ModulePatch.Strategy.IN_PLACE) {
        InPlaceRedefinition redefinition = InPlaceRedefinition.prepare(patch, registry, old);
        inPlace.add(redefinition);
        reloaded.addAll(redefinition.classes());
        continue;
      }
      ModuleClassLoader loader = build(patch, loaders);
      Renames moved = new Renames(patch.renames(), patch.removed());
      loaders.put(patch.name(), loader);
      renames.put(patch.name(), moved);
      moves.add(new StaticsTransfer.Move(old.loader(patch.name()), loader, moved));
      reloaded.addAll(loader.classNames());
    }
    Generation next = new Generation(version, loaders, new SwitchPoint());

    List<String> names = patches.stream().map(ModulePatch::name).toList();
    ReloadEvent event = new ReloadEvent(version, Set.copyOf(names), reloaded);
    listeners.before(event, warnings);

    for (StaticsTransfer.Move move : moves) {
      defineWhatTheApplicationUses(move);
    }
    reinstancer.lock();
    try {
      Reinstancing round = reinstancer.round(registry, next, renames, warnings);
      List<Class<?>> carried = new StaticsTransfer(round, warnings).carry(moves);
      Map<Object, Object> upgrades = reinstancer.upgrade(round);
      FacadeTargets.Changes retargets = facades.prepare(round, next);
      round.runHooks();
      for (Class<?> type : carried) {
        OnReloadHooks.runStatic(type);
      }
      redefine(inPlace);
      try {
        // Nothing here can fail: the patch becomes current.
        SwitchPoint.invalidateAll(new SwitchPoint[] {old.calls()});
        for (StaticsTransfer.Move move : moves) {
          move.from().supersede(old);
          registry
              .history(move.to().moduleName())
              .recordRenames(move.to().createdVersion(), move.renames());
        }
        for (InPlaceRedefinition redefinition : inPlace) {
          redefinition.commit(version);
        }
        reinstancer.commit(round, upgrades);
        FacadeTargets.commit(retargets, version);
        registry.publish(next);
        // Only now do the new loaders find their dependencies through the registry: until the
        // generation above is current, that would find the previous versions.
        for (StaticsTransfer.Move move : moves) {
          move.to().publish(version);
        }
      } finally {
        if (unwinds) {
          Unwinding.endPatch(registry.current());
        }
      }
    } catch (ReinstanceException e) {
      throw new PatchFailedException(e.getMessage(), e);
    } finally {
      reinstancer.unlock();
    }
    listeners.after(event, warnings);
    return warnings;
  }

  private ModuleClassLoader build(ModulePatch patch, Map<String, ModuleClassLoader> loaders)
      throws PatchFailedException {
    try {
      return new ModuleClassLoader(patch.module(), registry, loaders, parent);
    } catch (UncheckedIOException e) {
      throw new PatchFailedException(
          "Patch " + patchId + " refused: " + e.getCause().getMessage(), e);
    }
  }

  /**
   * Defines and verifies, in the new loader, every class the application has loaded from the old
   * one, so that a class that does not verify fails the patch now rather than the application
   * later. Classes it never used are defined when first used, as at start.
   */
  private static void defineWhatTheApplicationUses(StaticsTransfer.Move move)
      throws PatchFailedException {
    for (Class<?> used : move.from().definedClasses()) {
      String name = move.renames().map(used.getName().replace('.', '/'));
      String binary = name == null ? null : name.replace('/', '.');
      if (binary == null || !move.to().owns(binary)) {
        continue;
      }
      try {
        // Listing the methods links the class, and linking verifies it.
        Class.forName(binary, false, move.to()).getDeclaredMethods();
      } catch (ClassNotFoundException | LinkageError e) {
        throw new PatchFailedException(
            "Class " + binary + " of " + move.to() + " cannot be loaded: " + e, e);
      }
    }
  }

  private void redefine(List<InPlaceRedefinition> inPlace) throws PatchFailedException {
    if (!unwinds) {
      return; // A rehearsal has no instrumentation, so nothing to redefine either.
    }
    Unwinding.beginPatch();
    try {
      if (!inPlace.isEmpty()) {
        InPlaceRedefinition.redefine(registry.instrumentation(), inPlace);
      }
    } catch (PatchFailedException e) {
      Unwinding.abortPatch();
      throw e;
    }
  }
}
