package dev.hotpatch.runtime.internal;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The facades {@code Hot.facade} hands out, one per interface, and the implementation each forwards
 * to: the first {@link ServiceLoader} implementation that the main module's current loader finds.
 * When a patch reloads the implementation's class, the implementation object is re-instanced as
 * part of the patch, so its state stays; when the service configuration now names another class, a
 * new implementation is created on the next call.
 */
public final class FacadeTargets {
  /** One interface: its facade, and the implementation it forwards to. */
  static final class Cache {
    private final Class<?> type;
    private volatile Target target;
    private volatile Object facade;

    Cache(Class<?> type) {
      this.type = type;
    }
  }

  /** An implementation, and the version from which it is the current one. */
  private record Target(long version, Object implementation) {}

  /** What a patch sets once it commits: {@code implementation == null} looks it up again. */
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

  ModuleRegistry registry() {
    return registry;
  }

  /** Sets the module whose loader finds implementations. */
  public void setMainModule(String module) {
    this.mainModule = module;
  }

  /**
   * The facade of {@code type}, generated on first use.
   *
   * @throws IllegalStateException if no module registers an implementation
   */
  public Object facade(Class<?> type) {
    Cache cache = caches.get(type);
    Object facade = cache.facade;
    if (facade != null) {
      return facade;
    }
    synchronized (cache) {
      if (cache.facade == null) {
        implementation(cache, registry.current()); // Fails now if there is none.
        cache.facade = define(type);
      }
      return cache.facade;
    }
  }

  /**
   * Makes the facade object of {@code type}. Its class is defined in the interface's own loader and
   * package, the one place that sees the interface whatever its access; another runtime of the same
   * JVM finds it there already.
   */
  private static Object define(Class<?> type) {
    try {
      MethodHandles.Lookup next = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      Class<?> facadeClass;
      try {
        facadeClass = next.defineClass(FacadeGenerator.facadeClass(type));
      } catch (LinkageError defined) {
        facadeClass = Class.forName(FacadeGenerator.facadeName(type), true, type.getClassLoader());
      }
      return facadeClass.getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new IllegalStateException(
          "Cannot generate the facade of " + type.getName() + ": " + e, e);
    }
  }

  /** Links one method of a generated facade, whose class is {@code facadeClass}. */
  public CallSite link(Class<?> facadeClass, String name, MethodType type) {
    Class<?> api = facadeClass.getInterfaces()[0];
    try {
      MethodHandle method =
          MethodHandles.privateLookupIn(api, MethodHandles.lookup()).findVirtual(api, name, type);
      return new FacadeMethodSite(this, caches.get(api), method);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Cannot link " + api.getName() + "." + name + type + " of its facade: " + e, e);
    }
  }

  /**
   * The implementation {@code cache}'s facade forwards to under {@code generation}.
   *
   * @throws IllegalStateException if none is registered, or the one found no longer implements the
   *     interface (a patch changed the interface itself)
   */
  Object implementation(Cache cache, Generation generation) {
    Target known = cache.target;
    // A patch sets the target just before it becomes current, so it may be a version ahead.
    if (known != null && known.version() >= generation.version()) {
      return known.implementation();
    }
    ClassLoader loader = generation.loader(mainModule);
    Iterator<?> found = ServiceLoader.load(cache.type, loader).iterator();
    boolean any;
    try {
      any = found.hasNext();
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "The implementation of "
              + cache.type.getName()
              + " that "
              + loader
              + " names does not implement this version of the interface: "
              + e.getMessage()
              + ". A patch changed the interface itself; restart hotpatch:serve.",
          e);
    }
    if (!any) {
      throw new IllegalStateException(
          "No implementation of "
              + cache.type.getName()
              + " found from "
              + loader
              + ". Add a file META-INF/services/"
              + cache.type.getName()
              + " naming the implementing class to the module that implements it.");
    }
    Object implementation = found.next();
    cache.target = new Target(generation.version(), implementation);
    return implementation;
  }

  /**
   * The {@code Hot.version()} at which the code {@code facade} forwards to was last replaced, if it
   * is a facade of this application.
   */
  OptionalLong versionOf(Object facade) {
    Class<?>[] interfaces = facade.getClass().getInterfaces();
    if (!facade.getClass().getName().endsWith(FacadeGenerator.SUFFIX) || interfaces.length != 1) {
      return OptionalLong.empty();
    }
    Cache cache = caches.get(interfaces[0]);
    if (cache.facade != facade) {
      return OptionalLong.empty();
    }
    Object implementation = implementation(cache, registry.current());
    return OptionalLong.of(
        implementation.getClass().getClassLoader() instanceof ModuleClassLoader loader
            ? loader.codeVersion()
            : 0);
  }

  /**
   * Re-instances, within a patch's round, every implementation a facade forwards to whose class the
   * patch reloads, if the service configuration of {@code target} still names its class.
   */
  List<Pending> prepare(Reinstancing round, Generation target) {
    List<Cache> live = new ArrayList<>();
    synchronized (known) {
      for (WeakReference<Cache> reference : known) {
        Cache cache = reference.get();
        if (cache != null && cache.target != null) {
          live.add(cache);
        }
      }
    }
    List<Pending> pending = new ArrayList<>();
    for (Cache cache : live) {
      Object converted = round.convert(cache.target.implementation());
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
      return Optional.empty(); // Looked up again, with its error, when next called.
    }
  }

  /** Makes what {@link #prepare} found the targets from {@code Hot.version()} {@code version}. */
  static void commit(List<Pending> pending, long version) {
    for (Pending change : pending) {
      change.cache().target =
          change.implementation() == null ? null : new Target(version, change.implementation());
    }
  }
}
