package dev.hotpatch.runtime.loader;

/**
 * What a module loader asks, while a class of a patch initializes, of the plan that moves the
 * class's static state over from its previous version: every static initializer of a module class
 * calls its loader first and last (see {@link DevModeTransformer}), and the loader consults the
 * class's carry. The statics carry of a patch implements it.
 */
public interface ClassCarry {
  /** Whether the class's own static initializer is skipped, because every static is carried. */
  boolean skipsInitializer();

  /**
   * Puts the carried values into {@code type}'s static fields; called as its static initializer
   * ends, before any other code sees the class.
   *
   * @throws RuntimeException if a value cannot be carried after all; the class's initialization
   *     then fails with it
   */
  void restore(Class<?> type);
}
