package dev.hotpatch.runtime.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the static state of one module from its old loader to its new one.
 *
 * <p>For every class the application initialized under the old loader, in the order it did, the
 * class of the same name is initialized under the new loader and then receives the old values of
 * the static fields it still declares under the same name with a type the value fits. Everything
 * else (new fields, constants, enum constants, compiler-made fields) keeps what the new static
 * initializer gave it.
 */
public final class StaticsTransfer {
  private final List<String> warnings;

  public StaticsTransfer(List<String> warnings) {
    this.warnings = warnings;
  }

  public void carry(ModuleClassLoader from, ModuleClassLoader to) throws PatchFailedException {
    for (Class<?> previous : from.initializedClasses()) {
      String name = previous.getName();
      if (!to.owns(name)) {
        continue; // The class was removed; its state goes with it.
      }
      carryFields(previous, initialize(name, to));
    }
  }

  private static Class<?> initialize(String name, ModuleClassLoader loader)
      throws PatchFailedException {
    try {
      return Class.forName(name, true, loader);
    } catch (ExceptionInInitializerError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new PatchFailedException("Static initializer of " + name + " failed: " + cause, cause);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PatchFailedException("Cannot load " + name + " from " + loader + ": " + e, e);
    }
  }

  private void carryFields(Class<?> previous, Class<?> next) {
    Map<String, Field> old = new HashMap<>();
    for (Field field : previous.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        old.put(field.getName(), field);
      }
    }
    for (Field field : next.getDeclaredFields()) {
      Field source = old.get(field.getName());
      if (source != null && isState(field)) {
        carryField(source, field);
      }
    }
  }

  /**
   * Fields that hold state carried by name. Still final after {@link DevModeTransformer} means a
   * compile-time constant; enum constants and compiler-made fields ($VALUES, $assertionsDisabled)
   * are made again by the new initializer.
   */
  private static boolean isState(Field field) {
    int modifiers = field.getModifiers();
    return Modifier.isStatic(modifiers)
        && !Modifier.isFinal(modifiers)
        && !field.isSynthetic()
        && !field.isEnumConstant();
  }

  private void carryField(Field source, Field target) {
    String where = target.getDeclaringClass().getName() + "." + target.getName();
    Object value;
    try {
      source.setAccessible(true);
      value = source.get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      warnings.add(where + " not carried: the previous value cannot be read (" + e + ").");
      return;
    }
    if (!fits(value, source.getType(), target.getType())) {
      warnings.add(where + " not carried: " + misfit(value, source.getType(), target.getType()));
      return;
    }
    try {
      target.setAccessible(true);
      target.set(null, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      warnings.add(where + " not carried: the new field cannot be set (" + e + ").");
    }
  }

  private static boolean fits(Object value, Class<?> oldType, Class<?> newType) {
    if (newType.isPrimitive()) {
      return oldType == newType;
    }
    return value == null || newType.isInstance(value);
  }

  private static String misfit(Object value, Class<?> oldType, Class<?> newType) {
    if (newType.isPrimitive() || oldType.isPrimitive()) {
      return "its type changed from " + oldType.getName() + " to " + newType.getName() + ".";
    }
    Class<?> valueType = value.getClass();
    String message =
        "its value, a "
            + valueType.getName()
            + " of "
            + loaderName(valueType)
            + ", does not fit its new type "
            + newType.getName()
            + " of "
            + loaderName(newType)
            + "; it keeps the value its new static initializer gave it.";
    if (valueType.getName().equals(newType.getName())) {
      message += " Objects of reloaded classes are not re-instanced yet.";
    }
    return message;
  }

  private static String loaderName(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null ? "the JDK" : loader.toString();
  }
}
