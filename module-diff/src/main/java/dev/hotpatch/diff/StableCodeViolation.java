package dev.hotpatch.diff;

/**
 * Code of a stable-layer class that uses a class which reloads, which the stable layer cannot see.
 *
 * @param stableClass the stable class, binary name
 * @param why why it is stable: {@code @HotValue}, {@code named by @HotValue lib.Quote} ...
 * @param method the method holding the code, as {@code name(parameter types)}, or {@code static
 *     initializer}
 * @param used the reloadable class the code uses, binary name
 * @param module the module that declares {@code used}
 */
public record StableCodeViolation(
    String stableClass, String why, String method, String used, String module) {

  /** One paragraph: what is wrong, and the two ways to fix it. */
  public String describe() {
    return "Stable class "
        + stableClass
        + " ("
        + why
        + "), "
        + method
        + ": its code uses "
        + used
        + ", a class of module "
        + module
        + ", which reloads on every patch; the stable layer is loaded once and cannot see it, so"
        + " the code would fail with NoClassDefFoundError. Move that code into the"
        + " implementation, or mark "
        + used
        + " @HotValue.";
  }
}
