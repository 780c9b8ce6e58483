package dev.hotpatch.runtime.reinstance;

import dev.hotpatch.OnReload;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Runs the {@link OnReload} methods of the new version of a class: the static ones once the class's
 * statics are carried, the instance ones on each re-instanced object.
 */
public final class OnReloadHooks {
  /** The hooks of one class, superclasses' first, found once per class. */
  private record Hooks(List<Method> statics, List<Method> instances) {}

  private static final ClassValue<Hooks> HOOKS =
      new ClassValue<>() {
        @Override
        protected Hooks computeValue(Class<?> type) {
          return find(type);
        }
      };

  private OnReloadHooks() {}

  /**
   * Runs the static hooks declared by {@code type} itself.
   *
   * @throws ReinstanceException naming the hook if one throws
   */
  public static void runStatic(Class<?> type) {
    for (Method hook : HOOKS.get(type).statics()) {
      invoke(hook, null);
    }
  }

  /**
   * Runs the instance hooks of {@code object}'s class and its module superclasses.
   *
   * @throws ReinstanceException naming the hook if one throws
   */
  static void runInstance(Object object) {
    for (Method hook : HOOKS.get(object.getClass()).instances()) {
      invoke(hook, object);
    }
  }

  private static Hooks find(Class<?> type) {
    List<Method> statics = new ArrayList<>();
    for (Method method : type.getDeclaredMethods()) {
      if (isHook(method) && Modifier.isStatic(method.getModifiers())) {
        statics.add(accessible(method));
      }
    }
    Deque<Class<?>> chain = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c.getClassLoader() instanceof ModuleClassLoader; ) {
      chain.push(c);
      c = c.getSuperclass();
    }
    List<Method> instances = new ArrayList<>();
    for (Class<?> c : chain) {
      for (Method method : c.getDeclaredMethods()) {
        if (isHook(method) && !Modifier.isStatic(method.getModifiers())) {
          instances.add(accessible(method));
        }
      }
    }
    return new Hooks(List.copyOf(statics), List.copyOf(instances));
  }

  private static boolean isHook(Method method) {
    if (!method.isAnnotationPresent(OnReload.class)) {
      return false;
    }
    if (method.getParameterCount() != 0) {
      throw new ReinstanceException(
          "@OnReload method "
              + method.getDeclaringClass().getName()
              + "."
              + method.getName()
              + " takes parameters; an @OnReload method takes none. Remove them.",
          method.getDeclaringClass().getName(),
          null);
    }
    return true;
  }

  private static Method accessible(Method method) {
    method.setAccessible(true);
    return method;
  }

  private static void invoke(Method hook, Object target) {
    String name = hook.getDeclaringClass().getName() + "." + hook.getName() + "()";
    try {
      hook.invoke(target);
    } catch (InvocationTargetException e) {
      throw new ReinstanceException(
          "@OnReload method " + name + " threw " + e.getCause(),
          hook.getDeclaringClass().getName(),
          e.getCause());
    } catch (IllegalAccessException e) {
      throw new ReinstanceException(
          "Cannot call the @OnReload method " + name + ": " + e,
          hook.getDeclaringClass().getName(),
          e);
    }
  }
}
