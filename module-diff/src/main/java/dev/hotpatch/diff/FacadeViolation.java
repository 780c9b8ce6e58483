package dev.hotpatch.diff;

/**
 * A {@code @HotFacade} signature that names a type which would reload.
 *
 * @param facade the interface, binary name
 * @param method the method, as {@code name(parameter types)}
 * @param type the offending type, binary name
 * @param module the module that declares the offending type
 */
public record FacadeViolation(String facade, String method, String type, String module) {

  /** One paragraph: what is wrong, and the two ways to fix it. */
  public String describe() {
    return "@HotFacade interface "
        + facade
        + ", method "
        + method
        + ": "
        + type
        + " is a class of module "
        + module
        + ", which reloads on every patch, so callers and the implementation would disagree on it."
        + " A facade signature may name only JDK types, third-party types, other @HotFacade"
        + " interfaces and types marked @HotValue. Mark "
        + type
        + " @HotValue (a record or an enum used as a value), make it a @HotFacade interface, or"
        + " use JDK types in the signature.";
  }
}
