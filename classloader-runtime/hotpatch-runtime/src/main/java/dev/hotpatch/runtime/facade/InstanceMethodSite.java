package dev.hotpatch.runtime.facade;

import dev.hotpatch.runtime.loader.Generation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.function.Supplier;

/**
 * One method of an instance facade, shared by all its objects: linked to that method of the class
 * of the target it last saw, behind a check of the target's exact class, and linked again when a
 * target of another class comes, as after a patch re-instanced it. The JIT then sees one receiver
 * class however many versions the implementation has had. A site that keeps seeing different
 * classes within one patch version (several implementations of the interface) settles on a plain
 * interface call until the next patch, which gives it a new relink budget.
 */
final class InstanceMethodSite extends MutableCallSite {
  static final int MAX_RELINKS = 16;
  private static final MethodHandle RELINK;
  private static final MethodHandle IS_EXACTLY;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      RELINK =
          lookup.findVirtual(
              InstanceMethodSite.class,
              "relink",
              MethodType.methodType(Object.class, Object[].class));
      IS_EXACTLY =
          lookup.findStatic(
              InstanceMethodSite.class,
              "isExactly",
              MethodType.methodType(boolean.class, Class.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final MethodHandle generic;
  private final MethodHandle results;
  private final MethodHandle relink;
  private final Supplier<Generation> generations;
  private long version = -1; // guarded by this: the patch version the relinks count in
  private int relinks; // guarded by this
  private Class<?> linked; // guarded by this

  /**
   * @param name the method's name
   * @param generic {@code (Object target, arguments...)result}: the interface method
   * @param results what the result goes through ({@link FacadeTargets#results}), or {@code null}
   * @param generations the current generation, whose version resets the relink budget
   */
  InstanceMethodSite(
      String name, MethodHandle generic, MethodHandle results, Supplier<Generation> generations) {
    super(generic.type());
    this.generations = generations;
    this.name = name;
    this.generic = generic;
    this.results = results;
    this.relink =
        RELINK.bindTo(this).asCollector(Object[].class, type().parameterCount()).asType(type());
    setTarget(relink);
  }

  private Object relink(Object[] arguments) throws Throwable {
    Object target = arguments[0];
    Generation generation = generations.get();
    MethodHandle linked;
    synchronized (this) {
      if (generation.version() != version) {
        version = generation.version();
        relinks = 0;
      }
      if (target == null || ++relinks > MAX_RELINKS) {
        // Until the next patch only: its new classes deserve an exact link again.
        linked = withResults(generic);
        this.linked = null;
        setTarget(generation.calls().guardWithTest(linked, relink));
      } else {
        Class<?> type = target.getClass();
        MethodHandle exact = withResults(direct(type));
        MethodHandle test =
            MethodHandles.dropArguments(
                IS_EXACTLY.bindTo(type),
                1,
                type().parameterList().subList(1, type().parameterCount()));
        linked = MethodHandles.guardWithTest(test, exact, relink);
        this.linked = type;
        setTarget(linked);
      }
    }
    return linked.invokeWithArguments(arguments);
  }

  /** The class the site calls directly, or {@code null} while it makes plain interface calls. */
  synchronized Class<?> linkedClass() {
    return linked;
  }

  /** The method of {@code type} itself: a call the JIT binds to one class. */
  private MethodHandle direct(Class<?> type) {
    MethodType method = type().dropParameterTypes(0, 1);
    try {
      return MethodHandles.privateLookupIn(type, MethodHandles.lookup())
          .findVirtual(type, name, method)
          .asType(type());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return generic; // A class the runtime cannot look into: the interface call still works.
    }
  }

  private MethodHandle withResults(MethodHandle call) {
    return results == null ? call : MethodHandles.filterReturnValue(call, results);
  }

  private static boolean isExactly(Class<?> type, Object target) {
    return target.getClass() == type;
  }
}
