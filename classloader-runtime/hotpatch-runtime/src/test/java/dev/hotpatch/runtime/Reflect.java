package dev.hotpatch.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Calls into module classes, which the test code cannot name. */
public final class Reflect {
  private Reflect() {}

  public static Class<?> load(ClassLoader loader, String className) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  public static Object callStatic(
      ClassLoader loader, String className, String method, Object... args) {
    return call(load(loader, className), null, method, args);
  }

  public static Object call(Class<?> type, Object target, String name, Object... args) {
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == args.length) {
        try {
          method.setAccessible(true);
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw sneaky(e.getCause());
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("No method " + name + " in " + type);
  }

  /** The value of a static or instance field, whatever its access. */
  public static Object readStatic(Class<?> type, String name) {
    return read(type, null, name);
  }

  public static Object read(Object target, String name) {
    return read(target.getClass(), target, name);
  }

  private static Object read(Class<?> type, Object target, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
      } catch (NoSuchFieldException e) {
        // Declared higher up.
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("No field " + name + " in " + type);
  }

  public static Object newInstance(ClassLoader loader, String className) {
    try {
      return load(loader, className).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
