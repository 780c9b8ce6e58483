package dev.hotpatch.runtime.patch;

import dev.hotpatch.HotBridge;
import dev.hotpatch.HotRunnable;
import dev.hotpatch.HotSupplier;
import dev.hotpatch.ReloadListener;
import dev.hotpatch.runtime.callsite.HotCallSite;
import dev.hotpatch.runtime.callsite.LambdaShape;
import dev.hotpatch.runtime.facade.FacadeTargets;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import dev.hotpatch.runtime.loader.ModuleRegistry;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.OptionalLong;

/** What {@code Hot} calls when the application runs under the hotpatch runtime. */
final class RuntimeBridge implements HotBridge {
  private final ModuleRegistry registry;
  private final FacadeTargets facades;
  private final ReloadListeners listeners;
  private final StopActions stopActions;

  RuntimeBridge(
      ModuleRegistry registry,
      FacadeTargets facades,
      ReloadListeners listeners,
      StopActions stopActions) {
    this.registry = registry;
    this.facades = facades;
    this.listeners = listeners;
    this.stopActions = stopActions;
  }

  /** {@code Hot.call} from code the runtime did not rewrite: libraries, tests. */
  @Override
  public void run(HotRunnable body) {
    invoke(body);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(HotSupplier<T> body) {
    return (T) invoke(body);
  }

  private static Object invoke(Object body) {
    try {
      return HotCallSite.invokeNewest(body);
    } catch (Throwable e) {
      throw Sneaky.<RuntimeException>rethrow(e);
    }
  }

  @Override
  public CallSite linkCall(MethodHandles.Lookup caller, MethodType type) {
    if (caller.lookupClass().getClassLoader() instanceof ModuleClassLoader) {
      return new HotCallSite(caller.lookupClass(), type);
    }
    // Only module classes are rewritten; anything else gets the plain lookup per call.
    try {
      return new ConstantCallSite(
          MethodHandles.lookup()
              .findStatic(
                  HotCallSite.class,
                  "invokeNewest",
                  MethodType.methodType(Object.class, Object.class))
              .asType(type));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public CallSite linkFacadeMethod(MethodHandles.Lookup caller, String name, MethodType type) {
    return facades.link(caller.lookupClass(), name, type);
  }

  @Override
  public Object facade(Class<?> type) {
    return facades.facade(type);
  }

  @Override
  public long version() {
    return registry.current().version();
  }

  @Override
  public long versionOf(Object target) {
    if (target instanceof HotRunnable || target instanceof HotSupplier<?>) {
      return LambdaShape.of(target).codeVersion();
    }
    OptionalLong facade = facades.versionOf(target);
    if (facade.isPresent()) {
      return facade.getAsLong();
    }
    Class<?> type = target instanceof Class<?> c ? c : target.getClass();
    return type.getClassLoader() instanceof ModuleClassLoader loader ? loader.codeVersion() : 0;
  }

  @Override
  public void addReloadListener(ReloadListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeReloadListener(ReloadListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void onStop(Runnable action) {
    stopActions.add(action);
  }

  /** Rethrows any throwable unchanged, checked or not, as the body itself would have. */
  private static final class Sneaky {
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E rethrow(Throwable e) throws E {
      throw (E) e;
    }
  }
}
