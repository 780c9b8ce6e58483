package dev.hotpatch.diff;

import java.util.Objects;

/**
 * A module whose compiled classes may be wrong against the new build of a module it depends on, so
 * it must be compiled again before the patch is complete.
 *
 * @param name the module (its artifactId)
 * @param reason for people ({@code app may have inlined lib.Config.GREETING "hi" -> "hello"})
 */
public record RecompileRequest(String name, String reason) {

  public RecompileRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }
}
