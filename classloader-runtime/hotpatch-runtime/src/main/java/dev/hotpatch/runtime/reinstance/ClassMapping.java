package dev.hotpatch.runtime.reinstance;

import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import dev.hotpatch.runtime.loader.ModuleRegistry;
import dev.hotpatch.runtime.loader.Renames;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which class of a target generation stands for a class of an older version: the class of the same
 * name in the module's target loader, or the one module-diff matched it with when javac named it
 * differently ({@code App$1} that is now {@code App$2}).
 */
final class ClassMapping {
  private final ModuleRegistry registry;
  private final Generation target;
  private final Map<String, Renames> pending;
  private final Map<Class<?>, Optional<Class<?>>> found = new HashMap<>();

  /**
   * @param pending the renames of the patch that builds {@code target}, by module; empty when
   *     {@code target} is current already
   */
  ClassMapping(ModuleRegistry registry, Generation target, Map<String, Renames> pending) {
    this.registry = registry;
    this.target = target;
    this.pending = pending;
  }

  /**
   * Whether {@code type} belongs to a module loader of this application that is not in the target.
   */
  boolean isStale(Class<?> type) {
    return type.getClassLoader() instanceof ModuleClassLoader loader
        && loader.registry() == registry
        && target.loader(loader.moduleName()) != loader;
  }

  /**
   * The class that stands for {@code old} in the target generation ({@code old} itself unless it is
   * stale), or {@code null} when the new build has no such class.
   *
   * @throws ReinstanceException if the new class exists but cannot be loaded
   */
  Class<?> newClassOf(Class<?> old) {
    if (old.isArray()) {
      Class<?> component = newClassOf(old.getComponentType());
      return component == null ? null : component.arrayType();
    }
    if (!isStale(old)) {
      return old;
    }
    return found.computeIfAbsent(old, this::find).orElse(null);
  }

  private Optional<Class<?>> find(Class<?> old) {
    ModuleClassLoader loader = (ModuleClassLoader) old.getClassLoader();
    String module = loader.moduleName();
    ModuleClassLoader newest = target.loader(module);
    String renamed =
        registry
            .history(module)
            .translate(
                loader.createdVersion(),
                newest.createdVersion(),
                old.getName().replace('.', '/'),
                pending.getOrDefault(module, Renames.NONE));
    if (renamed == null || !newest.owns(renamed.replace('/', '.'))) {
      return Optional.empty();
    }
    try {
      return Optional.of(Class.forName(renamed.replace('/', '.'), false, newest));
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ReinstanceException(
          "Cannot load the new version of " + old.getName() + " from " + newest + ": " + e,
          old.getName(),
          e);
    }
  }

  /** The constant of the new enum that has the name of {@code old}, or {@code null}. */
  Object newConstantOf(Enum<?> old) {
    Class<?> newEnum = newClassOf(old.getDeclaringClass());
    if (newEnum == null) {
      return null;
    }
    for (Object constant : newEnum.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(old.name())) {
        return constant;
      }
    }
    return null;
  }

  /**
   * Whether {@code value}, once re-instanced, is something a field of type {@code type} can hold.
   * Loads new classes but creates no object.
   */
  boolean fits(Object value, Class<?> type) {
    if (value == null) {
      return !type.isPrimitive();
    }
    Class<?> after;
    if (value instanceof Class<?>) {
      after = Class.class;
    } else if (value instanceof Enum<?> constant && isStale(constant.getDeclaringClass())) {
      Object replacement = newConstantOf(constant);
      after = replacement == null ? null : ((Enum<?>) replacement).getDeclaringClass();
    } else if (value.getClass().isHidden()) {
      after = value.getClass(); // A lambda is kept as it is.
    } else {
      after = newClassOf(value.getClass());
    }
    return after != null && type.isAssignableFrom(after);
  }
}
