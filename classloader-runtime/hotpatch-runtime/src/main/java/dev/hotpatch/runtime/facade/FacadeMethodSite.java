package dev.hotpatch.runtime.facade;

import dev.hotpatch.runtime.loader.Generation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * One method of a generated facade: linked to that method of the current implementation object,
 * guarded by the generation's switch point, and linked again on the first call after a patch. The
 * JIT sees a call on a constant receiver and inlines it.
 */
final class FacadeMethodSite extends MutableCallSite {
  private static final MethodHandle RELINK;

  static {
    try {
      RELINK =
          MethodHandles.lookup()
              .findVirtual(
                  FacadeMethodSite.class,
                  "relink",
                  MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final FacadeTargets targets;
  private final FacadeTargets.Cache cache;
  private final MethodHandle method;
  private final MethodHandle results;
  private final MethodHandle relink;

  /**
   * @param method {@code (Interface, arguments...)result}: the interface method
   * @param results what the result goes through ({@link FacadeTargets#results}), or {@code null}
   */
  FacadeMethodSite(
      FacadeTargets targets, FacadeTargets.Cache cache, MethodHandle method, MethodHandle results) {
    super(method.type().dropParameterTypes(0, 1));
    this.targets = targets;
    this.cache = cache;
    this.method = method;
    this.results = results;
    this.relink =
        RELINK.bindTo(this).asCollector(Object[].class, type().parameterCount()).asType(type());
    setTarget(relink);
  }

  private Object relink(Object[] arguments) throws Throwable {
    Generation generation = targets.registry().current();
    Object implementation = targets.implementation(cache, generation);
    MethodHandle bound = method.bindTo(implementation);
    if (results != null) {
      bound = MethodHandles.filterReturnValue(bound, results);
    }
    setTarget(generation.calls().guardWithTest(bound, relink));
    return bound.invokeWithArguments(arguments);
  }
}
