package dev.hotpatch.runtime.internal;

import dev.hotpatch.HotRunnable;
import dev.hotpatch.HotSupplier;
import dev.hotpatch.internal.HotBridge;
import dev.hotpatch.runtime.HotRuntime;
import java.util.Iterator;
import java.util.ServiceLoader;

/** What {@code Hot} calls when the application runs under a {@link HotRuntime}. */
public final class RuntimeBridge implements HotBridge {
  private final HotRuntime runtime;
  private final String mainModule;
  private final ClassValue<FacadeCache> facades =
      new ClassValue<>() {
        @Override
        protected FacadeCache computeValue(Class<?> type) {
          return new FacadeCache();
        }
      };

  /** The implementation found for one interface, and the runtime version it was found in. */
  private static final class FacadeCache {
    private volatile Facade facade;
  }

  private record Facade(long version, Object implementation) {}

  public RuntimeBridge(HotRuntime runtime, String mainModule) {
    this.runtime = runtime;
    this.mainModule = mainModule;
  }

  @Override
  public void run(HotRunnable body) {
    LambdaSite site = LambdaSite.of(body);
    if (site.isCurrent(body)) {
      body.run();
    } else {
      invokeNewest(site, body);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(HotSupplier<T> body) {
    LambdaSite site = LambdaSite.of(body);
    return site.isCurrent(body) ? body.get() : (T) invokeNewest(site, body);
  }

  private static Object invokeNewest(LambdaSite site, Object body) {
    try {
      return site.invokeNewest(body);
    } catch (Throwable e) {
      throw Sneaky.<RuntimeException>rethrow(e);
    }
  }

  /**
   * The first {@link ServiceLoader} implementation of {@code type} that the main module's current
   * loader finds, found again after every patch. A generated facade that forwards to the newest
   * implementation replaces this once the stable layer exists.
   */
  @Override
  public Object facade(Class<?> type) {
    long version = runtime.version();
    FacadeCache cache = facades.get(type);
    Facade known = cache.facade;
    if (known != null && known.version() == version) {
      return known.implementation();
    }
    ClassLoader loader = runtime.loader(mainModule);
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
    cache.facade = new Facade(version, implementation);
    return implementation;
  }

  @Override
  public long version() {
    return runtime.version();
  }

  /** Rethrows any throwable unchanged, checked or not, as the body itself would have. */
  private static final class Sneaky {
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E rethrow(Throwable e) throws E {
      throw (E) e;
    }
  }
}
