package dev.hotpatch.runtime.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The implementation {@code Hot.facade} returns for each interface: the first {@link ServiceLoader}
 * implementation that the main module's current loader finds, kept across patches. When a patch
 * reloads the implementation's class, the implementation object is re-instanced as part of the
 * patch, so its state stays; when the service configuration now names another class, a new
 * implementation is created on the next call.
 */
public final class FacadeTargets {
  /** The implementation known for one interface. */
  static final class Cache {
    private final Class<?> type;
    private volatile Facade facade;

    Cache(Class<?> type) {
      this.type = type;
    }
  }

  /** An implementation, and the version it is valid for. */
  private record Facade(long version, Object implementation) {}

  /** What a patch will set once it commits. */
  record Pending(Cache cache, Object implementation) {}

  private final ModuleRegistry registry;
  private final List<WeakReference<Cache>> known = new ArrayList<>(); // guarded by itself
  private final ClassValue<Cache> caches =
      new ClassValue<>() {
        @Override
        protected Cache computeValue(Class<?> type) {
          Cache cache = new Cache(type);
          synchronized (known) {
            known.removeIf(reference -> reference.get() == null);
            known.add(new WeakReference<>(cache));
          }
          return cache;
        }
      };
  private volatile String mainModule;

  FacadeTargets(ModuleRegistry registry) {
    this.registry = registry;
  }

  /** Sets the module whose loader finds implementations. */
  public void setMainModule(String module) {
    this.mainModule = module;
  }

  /**
   * The implementation of {@code type}.
   *
   * @throws IllegalStateException if no module registers one
   */
  public Object facade(Class<?> type) {
    Generation generation = registry.current();
    Cache cache = caches.get(type);
    Facade known = cache.facade;
    if (known != null && known.version() == generation.version()) {
      return known.implementation();
    }
    ClassLoader loader = generation.loader(mainModule);
    Iterator<?> found = ServiceLoader.load(type, loader).iterator();
    if (!found.hasNext()) {
      throw new IllegalStateException(
          "No implementation of "
              + type.getName()
              + " found from "
              + loader
              + ". Add a file META-INF/services/"
              + type.getName()
              + " naming the implementing class to the module that implements it.");
    }
    Object implementation = found.next();
    cache.facade = new Facade(generation.version(), implementation);
    return implementation;
  }

  /**
   * Re-instances, within a patch's round, every implementation handed out so far whose class the
   * patch reloads, if the service configuration of {@code target} still names its class.
   */
  List<Pending> prepare(Reinstancing round, Generation target) {
    List<Cache> live = new ArrayList<>();
    synchronized (known) {
      for (WeakReference<Cache> reference : known) {
        Cache cache = reference.get();
        if (cache != null && cache.facade != null) {
          live.add(cache);
        }
      }
    }
    List<Pending> pending = new ArrayList<>();
    for (Cache cache : live) {
      Object implementation = cache.facade.implementation();
      Object converted = round.convert(implementation);
      boolean stillNamed =
          converted != Reinstancing.UNCONVERTIBLE
              && providerType(cache.type, target.loader(mainModule))
                  .filter(type -> type == converted.getClass())
                  .isPresent();
      pending.add(new Pending(cache, stillNamed ? converted : null));
    }
    return pending;
  }

  private static Optional<Class<?>> providerType(Class<?> type, ClassLoader loader) {
    try {
      return ServiceLoader.load(type, loader).stream().findFirst().map(provider -> provider.type());
    } catch (ServiceConfigurationError e) {
      return Optional.empty(); // Looked up again, with its error, when next asked for.
    }
  }

  /** Makes what {@link #prepare} found current, at {@code Hot.version()} {@code version}. */
  static void commit(List<Pending> pending, long version) {
    for (Pending change : pending) {
      change.cache().facade =
          change.implementation() == null ? null : new Facade(version, change.implementation());
    }
  }
}
