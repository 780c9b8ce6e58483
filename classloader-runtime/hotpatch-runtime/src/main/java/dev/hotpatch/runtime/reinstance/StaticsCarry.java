package dev.hotpatch.runtime.reinstance;

import dev.hotpatch.runtime.loader.ClassCarry;
import dev.hotpatch.runtime.loader.DevModeTransformer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the static state of one class moves into its new version during a patch: planned before the
 * new class is initialized, applied by the new class's static initializer as it ends (see {@link
 * DevModeTransformer}).
 *
 * <p>A static field keeps its value when the new class has a field of the same name whose type the
 * (re-instanced) value fits. If that holds for every static field, the new static initializer does
 * not run at all: no second thread pool, no second "started" line. Otherwise it runs, and the
 * values that can be carried are put back right after it, before any other code sees the class.
 */
public final class StaticsCarry implements ClassCarry {
  /** Assertions are on or off per class; a skipped initializer cannot compute it, so we do. */
  private static final String ASSERTIONS_DISABLED = "$assertionsDisabled";

  private record Carried(Field field, Object value) {}

  private final List<Carried> carried;
  private final boolean skipsInitializer;
  private final Reinstancing reinstancing;
  private boolean restored;

  private StaticsCarry(List<Carried> carried, boolean skipsInitializer, Reinstancing reinstancing) {
    this.carried = carried;
    this.skipsInitializer = skipsInitializer;
    this.reinstancing = reinstancing;
  }

  /**
   * Plans the carry from {@code previous}, initialized by the application, to {@code next}, not
   * initialized yet; reads the old values now.
   */
  public static StaticsCarry plan(
      Class<?> previous, Class<?> next, Reinstancing reinstancing, List<String> warnings) {
    Map<String, Field> old = new LinkedHashMap<>();
    for (Field field : previous.getDeclaredFields()) {
      if (isState(field)) {
        old.put(field.getName(), field);
      }
    }
    // Enum constants are objects of the new class, made by its initializer and nowhere else; the
    // compiler's own statics (switch maps, $VALUES) are computed from the new code.
    boolean rerun = next.isEnum();
    List<String> changed = new ArrayList<>();
    List<Carried> carried = new ArrayList<>();
    for (Field field : next.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())
          || isConstant(field)
          || field.isEnumConstant()
          || field.getName().equals(ASSERTIONS_DISABLED)) {
        continue;
      }
      if (field.isSynthetic()) {
        rerun = true;
        continue;
      }
      String where = next.getName() + "." + field.getName();
      Field source = old.remove(field.getName());
      if (source == null) {
        rerun = true;
        changed.add(field.getName());
        continue;
      }
      Object value;
      try {
        source.setAccessible(true);
        value = source.get(null);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        rerun = true;
        changed.add(field.getName());
        warnings.add(where + " not carried: its previous value cannot be read (" + e + ").");
        continue;
      }
      if (fits(value, source.getType(), field.getType(), reinstancing)) {
        carried.add(new Carried(field, value));
      } else {
        rerun = true;
        changed.add(field.getName());
        warnings.add(
            where
                + " not carried: "
                + misfit(value, source.getType(), field.getType())
                + "; it has the value its static initializer gives it.");
      }
    }
    for (String gone : old.keySet()) {
      warnings.add(
          previous.getName()
              + "."
              + gone
              + " is gone from the new version (removed or renamed); its value was dropped.");
    }
    if (!changed.isEmpty()) {
      List<String> names = new ArrayList<>();
      carried.forEach(c -> names.add(c.field().getName()));
      warnings.add(
          "Static initializer of "
              + next.getName()
              + " ran again for its new or changed static fields "
              + String.join(", ", changed)
              + (names.isEmpty()
                  ? "."
                  : "; the values of "
                      + String.join(", ", names)
                      + " were carried back after it."));
    }
    return new StaticsCarry(List.copyOf(carried), !rerun, reinstancing);
  }

  /**
   * Static fields that hold state carried by name. Still final after {@link DevModeTransformer}
   * means a compile-time constant; enum constants and compiler-made fields are made again by the
   * new class.
   */
  private static boolean isState(Field field) {
    return Modifier.isStatic(field.getModifiers())
        && !isConstant(field)
        && !field.isSynthetic()
        && !field.isEnumConstant();
  }

  private static boolean isConstant(Field field) {
    return Modifier.isFinal(field.getModifiers());
  }

  private static boolean fits(
      Object value, Class<?> oldType, Class<?> newType, Reinstancing reinstancing) {
    if (newType.isPrimitive() || oldType.isPrimitive()) {
      return oldType == newType;
    }
    return reinstancing.classes().fits(value, newType);
  }

  private static String misfit(Object value, Class<?> oldType, Class<?> newType) {
    if (newType.isPrimitive() || oldType.isPrimitive()) {
      return "its type changed from " + oldType.getName() + " to " + newType.getName();
    }
    String what = "its value, a " + value.getClass().getName() + ", ";
    return oldType.getName().equals(newType.getName())
        ? what + "cannot be re-instanced as a " + newType.getName()
        : "its type changed from "
            + oldType.getName()
            + " to "
            + newType.getName()
            + " and "
            + what
            + "does not fit it";
  }

  @Override
  public boolean skipsInitializer() {
    return skipsInitializer;
  }

  /** Whether {@link #restore} ran: the new class's initializer completed. */
  boolean restored() {
    return restored;
  }

  /**
   * Puts the carried values into {@code type}'s static fields; called by its static initializer.
   *
   * @throws ReinstanceException if a value cannot be re-instanced after all
   */
  @Override
  public void restore(Class<?> type) {
    try {
      if (skipsInitializer) {
        Field assertions = type.getDeclaredField(ASSERTIONS_DISABLED);
        assertions.setAccessible(true);
        assertions.setBoolean(null, !type.desiredAssertionStatus());
      }
    } catch (NoSuchFieldException e) {
      // The class has no assert statement.
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "Cannot set " + type.getName() + "." + ASSERTIONS_DISABLED, e);
    }
    for (Carried carry : carried) {
      Field field = carry.field();
      Object value = reinstancing.convert(carry.value());
      if (value == Reinstancing.UNCONVERTIBLE
          || (value != null
              && !field.getType().isPrimitive()
              && !field.getType().isInstance(value))) {
        throw new ReinstanceException(
            "Cannot carry "
                + type.getName()
                + "."
                + field.getName()
                + ": its value could not be re-instanced as a "
                + field.getType().getName(),
            type.getName(),
            null);
      }
      try {
        field.setAccessible(true);
        field.set(null, value);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot set " + field, e);
      }
    }
    restored = true;
  }
}
