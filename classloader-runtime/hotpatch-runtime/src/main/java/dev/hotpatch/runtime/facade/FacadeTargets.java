package dev.hotpatch.runtime.facade;

import dev.hotpatch.HotFacade;
import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import dev.hotpatch.runtime.loader.ModuleRegistry;
import dev.hotpatch.runtime.loader.ServiceProviders;
import dev.hotpatch.runtime.reinstance.Reinstancing;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The facades {@code Hot.facade} hands out, one per interface, and the implementation each forwards
 * to: the class that the first {@code META-INF/services} file of the main module (or of its
 * dependencies) names, see {@link ServiceProviders}. Also the instance facades of the objects that
 * facade methods return when their declared type is a {@code @HotFacade} interface.
 *
 * <p>When a patch reloads an implementation's class, the implementation object (and the target of
 * every live instance facade) is re-instanced as part of the patch, so its state stays; when the
 * service configuration now names another class, a new implementation is created on the next call.
 */
public final class FacadeTargets {
  private static final MethodHandle WRAP;
  private static final VarHandle TARGET;

  static {
    try {
      TARGET = MethodHandles.lookup().findVarHandle(Cache.class, "target", Target.class);
      WRAP =
          MethodHandles.lookup()
              .findVirtual(
                  FacadeTargets.class,
                  "wrap",
                  MethodType.methodType(Object.class, Cache.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One interface: its facade, the implementation it forwards to, its instance facade class. */
  static final class Cache {
    private final Class<?> type;
    private volatile Target target;
    private volatile Object facade;
    private volatile InstanceWrappers instances;

    Cache(Class<?> type) {
      this.type = type;
    }
  }

  /** An implementation, and the version from which it is the current one. */
  private record Target(long version, Object implementation) {}

  /** The instance facade class of one interface, and how to make and re-target its objects. */
  record InstanceClass(MethodHandle create, MethodHandle getTarget, MethodHandle setTarget) {
    Object create(Object target) {
      try {
        return (Object) create.invokeExact(target);
      } catch (Throwable e) {
        throw new AssertionError("The generated constructor cannot fail", e);
      }
    }

    Object targetOf(Object facade) {
      try {
        return (Object) getTarget.invokeExact(facade);
      } catch (Throwable e) {
        throw new AssertionError("Reading a generated field cannot fail", e);
      }
    }

    void setTarget(Object facade, Object target) {
      try {
        setTarget.invokeExact(facade, target);
      } catch (Throwable e) {
        throw new AssertionError("Setting a generated field cannot fail", e);
      }
    }
  }

  /** What a patch sets once it commits: {@code implementation == null} looks it up again. */
  record Pending(Cache cache, Object implementation) {}

  /** A live instance facade and the re-instanced target a patch gives it. */
  private record Retarget(InstanceWrappers wrappers, Object facade, Object target) {}

  /** What a patch changes here once it commits. */
  public static final class Changes {
    private final List<Pending> facades;
    private final List<Retarget> instances;

    private Changes(List<Pending> facades, List<Retarget> instances) {
      this.facades = facades;
      this.instances = instances;
    }
  }

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

  public FacadeTargets(ModuleRegistry registry) {
    this.registry = registry;
  }

  ModuleRegistry registry() {
    return registry;
  }

  /** Sets the module whose service configuration names implementations. */
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
        try {
          cache.facade = define(type, false).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
          throw cannotGenerate(type, e);
        }
      }
      return cache.facade;
    }
  }

  /**
   * Defines a facade class of {@code type} in the interface's own loader and package, the one place
   * that sees the interface whatever its access; another runtime of the same JVM finds it there
   * already.
   */
  private static Class<?> define(Class<?> type, boolean instance) {
    try {
      MethodHandles.Lookup next = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      try {
        return next.defineClass(
            instance ? FacadeGenerator.instanceClass(type) : FacadeGenerator.facadeClass(type));
      } catch (LinkageError defined) {
        String name =
            instance ? FacadeGenerator.instanceName(type) : FacadeGenerator.facadeName(type);
        return Class.forName(name, true, type.getClassLoader());
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw cannotGenerate(type, e);
    }
  }

  private static IllegalStateException cannotGenerate(Class<?> type, Throwable e) {
    return new IllegalStateException(
        "Cannot generate the facade of " + type.getName() + ": " + e, e);
  }

  /** Links one method of a generated facade or instance facade, whose class is {@code caller}. */
  public CallSite link(Class<?> caller, String name, MethodType type) {
    Class<?> api = caller.getInterfaces()[0];
    boolean instance = caller.getName().endsWith(FacadeGenerator.INSTANCE_SUFFIX);
    MethodType method = instance ? type.dropParameterTypes(0, 1) : type;
    try {
      MethodHandle virtual =
          MethodHandles.privateLookupIn(api, MethodHandles.lookup()).findVirtual(api, name, method);
      MethodHandle results = results(method.returnType());
      return instance
          ? new InstanceMethodSite(name, virtual.asType(type), results, registry::current)
          : new FacadeMethodSite(this, caches.get(api), virtual, results);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Cannot link " + api.getName() + "." + name + method + " of its facade: " + e, e);
    }
  }

  /**
   * What a facade method's result goes through: for a {@code @HotFacade} interface, {@link #wrap}
   * into an instance facade, so that the returned object stays patchable; else {@code null}.
   */
  MethodHandle results(Class<?> returnType) {
    if (!returnType.isInterface() || !returnType.isAnnotationPresent(HotFacade.class)) {
      return null;
    }
    return MethodHandles.insertArguments(WRAP, 0, this, caches.get(returnType))
        .asType(MethodType.methodType(returnType, returnType));
  }

  /**
   * The instance facade of {@code value}, the same one for the same object; {@code null} and
   * facades stay as they are.
   */
  private Object wrap(Cache cache, Object value) {
    if (value == null || isFacade(value.getClass())) {
      return value;
    }
    return instances(cache).wrap(value);
  }

  private static boolean isFacade(Class<?> type) {
    return type.isSynthetic()
        && (type.getName().endsWith(FacadeGenerator.SUFFIX)
            || type.getName().endsWith(FacadeGenerator.INSTANCE_SUFFIX));
  }

  private static InstanceWrappers instances(Cache cache) {
    InstanceWrappers known = cache.instances;
    if (known != null) {
      return known;
    }
    synchronized (cache) {
      if (cache.instances == null) {
        Class<?> type = define(cache.type, true);
        try {
          MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
          InstanceClass instanceClass =
              new InstanceClass(
                  lookup
                      .findConstructor(type, MethodType.methodType(void.class, Object.class))
                      .asType(MethodType.methodType(Object.class, Object.class)),
                  lookup
                      .findGetter(type, FacadeGenerator.TARGET_FIELD, Object.class)
                      .asType(MethodType.methodType(Object.class, Object.class)),
                  lookup
                      .findSetter(type, FacadeGenerator.TARGET_FIELD, Object.class)
                      .asType(MethodType.methodType(void.class, Object.class, Object.class)));
          cache.instances = new InstanceWrappers(instanceClass);
        } catch (ReflectiveOperationException e) {
          throw cannotGenerate(cache.type, e);
        }
      }
      return cache.instances;
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
    if (isCurrent(known, generation)) {
      return known.implementation();
    }
    // Under the lock facade() takes: callers racing after a patch create one implementation, so
    // the call sites and the cache cannot end up bound to different objects.
    synchronized (cache) {
      known = cache.target;
      if (isCurrent(known, generation)) {
        return known.implementation();
      }
      Optional<Class<?>> provider =
          ServiceProviders.providerClass(cache.type, generation, mainModule);
      if (provider.isEmpty()) {
        throw new IllegalStateException(
            "No implementation of "
                + cache.type.getName()
                + " found from "
                + generation.loader(mainModule)
                + ". Add a file META-INF/services/"
                + cache.type.getName()
                + " naming the implementing class to the module that implements it.");
      }
      Object implementation = ServiceProviders.instantiate(provider.get());
      // A patch commits targets without this lock; never replace the one it set for a newer
      // version with this older one.
      if (!TARGET.compareAndSet(cache, known, new Target(generation.version(), implementation))) {
        Target newer = cache.target;
        if (isCurrent(newer, generation)) {
          return newer.implementation();
        }
      }
      return implementation;
    }
  }

  /** A patch sets the target just before it becomes current, so it may be a version ahead. */
  private static boolean isCurrent(Target known, Generation generation) {
    return known != null && known.version() >= generation.version();
  }

  /**
   * The {@code Hot.version()} at which the code {@code facade} forwards to was last replaced, if it
   * is a facade or an instance facade of this application.
   */
  public OptionalLong versionOf(Object facade) {
    Class<?> type = facade.getClass();
    Object target;
    if (type.getName().endsWith(FacadeGenerator.INSTANCE_SUFFIX) && isFacade(type)) {
      target = instances(caches.get(type.getInterfaces()[0])).targetOf(facade);
    } else if (type.getName().endsWith(FacadeGenerator.SUFFIX) && isFacade(type)) {
      Cache cache = caches.get(type.getInterfaces()[0]);
      if (cache.facade != facade) {
        return OptionalLong.empty();
      }
      target = implementation(cache, registry.current());
    } else {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        target.getClass().getClassLoader() instanceof ModuleClassLoader loader
            ? loader.codeVersion()
            : 0);
  }

  /**
   * Re-instances, within a patch's round, every implementation a facade forwards to whose class the
   * patch reloads, if the service configuration in {@code target} still names its class; and the
   * target of every live instance facade.
   */
  public Changes prepare(Reinstancing round, Generation target) {
    List<Cache> live = new ArrayList<>();
    synchronized (known) {
      for (WeakReference<Cache> reference : known) {
        Cache cache = reference.get();
        if (cache != null) {
          live.add(cache);
        }
      }
    }
    List<Pending> pending = new ArrayList<>();
    List<Retarget> retargets = new ArrayList<>();
    for (Cache cache : live) {
      InstanceWrappers wrappers = cache.instances;
      if (wrappers != null) {
        retargets.addAll(retargets(round, wrappers));
      }
      if (cache.target == null) {
        continue;
      }
      Object converted = round.convert(cache.target.implementation());
      boolean stillNamed =
          converted != Reinstancing.UNCONVERTIBLE
              && namedProvider(cache.type, target)
                  .filter(type -> type == converted.getClass())
                  .isPresent();
      pending.add(new Pending(cache, stillNamed ? converted : null));
    }
    return new Changes(pending, retargets);
  }

  private static List<Retarget> retargets(Reinstancing round, InstanceWrappers wrappers) {
    List<Retarget> retargets = new ArrayList<>();
    for (Object facade : wrappers.facades()) {
      Object old = wrappers.targetOf(facade);
      Object converted = round.convert(old);
      if (converted != old && converted != Reinstancing.UNCONVERTIBLE) {
        retargets.add(new Retarget(wrappers, facade, converted));
      }
    }
    return retargets;
  }

  private Optional<Class<?>> namedProvider(Class<?> type, Generation target) {
    try {
      return ServiceProviders.providerClass(type, target, mainModule);
    } catch (IllegalStateException e) {
      return Optional.empty(); // Looked up again, with its error, when next called.
    }
  }

  /** Makes what {@link #prepare} found the targets from {@code Hot.version()} {@code version}. */
  public static void commit(Changes changes, long version) {
    for (Pending change : changes.facades) {
      change.cache().target =
          change.implementation() == null ? null : new Target(version, change.implementation());
    }
    for (Retarget retarget : changes.instances) {
      retarget.wrappers().retarget(retarget.facade(), retarget.target());
    }
  }
}
