package dev.hotpatch.runtime;

import java.util.List;

/**
 * What became of one patch.
 *
 * @param patchId the patch's number, as sent by {@code serve}
 * @param ok whether the patch is now the running code; when {@code false} nothing changed
 * @param loadMillis how long loading the patch took
 * @param warnings what the patch could not keep, for example a static field whose value no longer
 *     fits its new type; empty when the patch failed
 * @param error why the patch failed: {@code null} exactly when {@code ok}
 */
public record PatchResult(
    long patchId, boolean ok, long loadMillis, List<String> warnings, String error) {
  public PatchResult {
    warnings = List.copyOf(warnings);
    if (ok != (error == null)) {
      throw new IllegalArgumentException("A patch result has an error exactly when it failed.");
    }
  }

  public static PatchResult applied(long patchId, long loadMillis, List<String> warnings) {
    return new PatchResult(patchId, true, loadMillis, warnings, null);
  }

  public static PatchResult failed(long patchId, long loadMillis, String error) {
    return new PatchResult(patchId, false, loadMillis, List.of(), error);
  }
}
