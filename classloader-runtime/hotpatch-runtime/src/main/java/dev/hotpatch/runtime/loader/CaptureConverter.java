package dev.hotpatch.runtime.loader;

/**
 * Re-instances, against the current generation, a value that code of a superseded loader hands to
 * the newest code: what a {@code Hot.call} body captured before a patch. The re-instancing of
 * patches implements it; the registry only carries the application's one instance, so that code
 * that holds nothing but a module loader reaches it.
 */
public interface CaptureConverter {
  /**
   * Converts {@code value} for the code of {@code registry}'s current generation.
   *
   * @return the converted value, {@code value} itself when nothing in it changed, or the
   *     re-instancing's marker for a value that no new object can stand for
   * @throws RuntimeException if a value cannot be converted
   */
  Object convertNow(ModuleRegistry registry, Object value);
}
