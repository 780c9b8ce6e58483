package dev.hotpatch.runtime.callsite;

import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.SwitchPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code Hot.call} in a module class, rewritten into an {@code invokedynamic}: linked straight
 * to the code its body runs now, and linked again after every patch.
 *
 * <p>The target is a chain the JIT compiles into the caller as if the body were called directly:
 * the generation's {@link SwitchPoint} (valid until the next patch, so the version check costs
 * nothing), an exact-class test per body class seen here (at most {@value #MAX_CLASSES}, so type
 * profiles of shared code never come into it), and the body's code itself, or the newest version of
 * it with its captured values. Every patch invalidates the switch point, so the next call comes
 * back here and links again. Sites in code a patch replaced also check for {@linkplain Unwinding
 * unwinding} while some thread is armed.
 *
 * <p>Every way into a body catches {@link StaleCallUnwinding}: each {@code Hot.call} is a place
 * where replaced code can be abandoned and the body run again.
 */
public final class HotCallSite extends MutableCallSite {
  private static final int MAX_CLASSES = 4;

  private static final MethodHandle RELINK;
  private static final MethodHandle GENERIC;
  private static final MethodHandle CAUGHT;
  private static final MethodHandle CHECK;
  private static final MethodHandle IS_CLASS;

  static {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      RELINK =
          lookup.findVirtual(
              HotCallSite.class, "relink", MethodType.methodType(Object.class, Object.class));
      GENERIC =
          lookup.findStatic(
              HotCallSite.class, "invokeNewest", MethodType.methodType(Object.class, Object.class));
      CAUGHT =
          lookup.findStatic(
              HotCallSite.class,
              "caught",
              MethodType.methodType(Object.class, StaleCallUnwinding.class, Object.class));
      CHECK =
          lookup.findStatic(
              HotCallSite.class, "check", MethodType.methodType(void.class, Object.class));
      IS_CLASS =
          lookup.findStatic(
              HotCallSite.class,
              "isClass",
              MethodType.methodType(boolean.class, Class.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The code for one class of bodies, and the generation it was resolved in. */
  private record Linked(Class<?> type, LambdaShape.Resolved resolved) {}

  private final ModuleClassLoader callerLoader;
  private final MethodHandle relink;
  private final List<Linked> linked = new ArrayList<>(); // guarded by this

  /**
   * @param caller the module class that holds the call
   * @param type {@code (HotRunnable)void} or {@code (HotSupplier)Object}
   */
  public HotCallSite(Class<?> caller, MethodType type) {
    super(type);
    this.callerLoader = (ModuleClassLoader) caller.getClassLoader();
    this.relink = RELINK.bindTo(this).asType(type);
    setTarget(relink);
  }

  /**
   * The first call, and the first after each patch: links the site for {@code body}'s class, then
   * runs the body.
   */
  private Object relink(Object body) throws Throwable {
    // The caller's generation first: read after it, a body resolution is never older.
    Generation callerGeneration = callerLoader.registry().current();
    LambdaShape.Resolved resolved = LambdaShape.of(body).resolve();
    SwitchPoint armed = Unwinding.armedPoint();
    boolean stale = callerLoader.isSuperseded();
    synchronized (this) {
      linked.removeIf(
          known ->
              known.type() == body.getClass()
                  || (known.resolved().generation() != null
                      && known.resolved().generation().calls().hasBeenInvalidated()));
      if (linked.size() <= MAX_CLASSES) {
        linked.add(new Linked(body.getClass(), resolved));
      }
      setTarget(chain(callerGeneration, stale, armed));
    }
    if (stale) {
      Unwinding.check();
    }
    return invokeBoundary(resolved.target(), body);
  }

  private MethodHandle chain(Generation callerGeneration, boolean stale, SwitchPoint armed) {
    MethodType type = type();
    MethodHandle chain;
    if (linked.size() > MAX_CLASSES) {
      // Bodies of many classes pass here: look the code up per call instead of growing the chain.
      chain = GENERIC.asType(type);
    } else {
      chain = relink;
      for (int i = linked.size() - 1; i >= 0; i--) {
        Linked known = linked.get(i);
        MethodHandle run =
            MethodHandles.catchException(
                known.resolved().target().asType(type),
                StaleCallUnwinding.class,
                CAUGHT.asType(type.insertParameterTypes(0, StaleCallUnwinding.class)));
        if (known.resolved().generation() != null) {
          run = known.resolved().generation().calls().guardWithTest(run, relink);
        }
        MethodHandle test =
            MethodHandles.insertArguments(IS_CLASS, 0, known.type())
                .asType(type.changeReturnType(boolean.class));
        chain = MethodHandles.guardWithTest(test, run, chain);
      }
    }
    if (stale && armed != null) {
      MethodHandle checked =
          MethodHandles.foldArguments(chain, CHECK.asType(type.changeReturnType(void.class)));
      chain = armed.guardWithTest(checked, chain);
    }
    return callerGeneration.calls().guardWithTest(chain, relink);
  }

  private static boolean isClass(Class<?> type, Object body) {
    return body.getClass() == type;
  }

  private static void check(Object body) {
    Unwinding.check();
  }

  /** Runs the newest code of {@code body}, looked up on this call; for many-class sites. */
  public static Object invokeNewest(Object body) throws Throwable {
    return invokeBoundary(LambdaShape.of(body).resolve().target(), body);
  }

  /**
   * Runs {@code target} for {@code body} as one {@code Hot.call}: when unwinding stops here, runs
   * the body again with its newest code.
   */
  static Object invokeBoundary(MethodHandle target, Object body) throws Throwable {
    MethodHandle code = target;
    while (true) {
      try {
        return code.invokeExact(body);
      } catch (StaleCallUnwinding unwinding) {
        if (unwinding.passOutward()) {
          throw unwinding;
        }
        code = LambdaShape.of(body).resolve().target();
      }
    }
  }

  /** The handler of a linked site: unwinding reached it. */
  private static Object caught(StaleCallUnwinding unwinding, Object body) throws Throwable {
    if (unwinding.passOutward()) {
      throw unwinding;
    }
    return invokeNewest(body);
  }
}
