package dev.hotpatch.runtime;

import java.util.List;

/**
 * What became of one patch.
 *
 * @param patchId the patch's number, as sent by {@code serve}
 * @param ok whether the patch is now the running code; when {@code false} nothing changed
 * @param version the number of patches applied in this JVM after this one ({@code Hot.version()}):
 *     the patch's own number in this JVM when it applied, the unchanged count when it failed, -1
 *     when the patch never reached the runtime (its message was unusable)
 * @param loadMillis how long loading the patch took
 * @param warnings what the patch could not keep, for example a static field whose value no longer
 *     fits its new type; empty when the patch failed
 * @param error why the patch failed: {@code null} exactly when {@code ok}
 * @param retryAsNewLoader whether the patch failed only because a class could not be redefined in
 *     place, so that sending the same modules as new loaders can succeed
 * @param staleResources changed resources that the application read once and holds in memory, so
 *     that it will not see their new content before it starts again
 */
public record PatchResult(
    long patchId,
    boolean ok,
    long version,
    long loadMillis,
    List<String> warnings,
    String error,
    boolean retryAsNewLoader,
    List<StaleResource> staleResources) {

  /**
   * A changed resource the running application will not see.
   *
   * @param module the module that holds it
   * @param name its resource name
   * @param reader the class and method that read it
   */
  public record StaleResource(String module, String name, String reader) {}

  public PatchResult(
      long patchId,
      boolean ok,
      long version,
      long loadMillis,
      List<String> warnings,
      String error,
      boolean retryAsNewLoader) {
    this(patchId, ok, version, loadMillis, warnings, error, retryAsNewLoader, List.of());
  }

  public PatchResult {
    warnings = List.copyOf(warnings);
    staleResources = List.copyOf(staleResources);
    if (ok != (error == null)) {
      throw new IllegalArgumentException("A patch result has an error exactly when it failed.");
    }
    if (ok && retryAsNewLoader) {
      throw new IllegalArgumentException("Only a failed patch can be retried.");
    }
  }

  public static PatchResult applied(
      long patchId, long version, long loadMillis, List<String> warnings) {
    return new PatchResult(patchId, true, version, loadMillis, warnings, null, false);
  }

  /** A patch that applied, some of whose resources the application will not see. */
  public static PatchResult applied(
      long patchId,
      long version,
      long loadMillis,
      List<String> warnings,
      List<StaleResource> staleResources) {
    return new PatchResult(
        patchId, true, version, loadMillis, warnings, null, false, staleResources);
  }

  /** A patch that failed before it reached the runtime. */
  public static PatchResult failed(long patchId, long loadMillis, String error) {
    return failed(patchId, -1, loadMillis, error, false);
  }

  public static PatchResult failed(
      long patchId, long version, long loadMillis, String error, boolean retryAsNewLoader) {
    return new PatchResult(patchId, false, version, loadMillis, List.of(), error, retryAsNewLoader);
  }
}
