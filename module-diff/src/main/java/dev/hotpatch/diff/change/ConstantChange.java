package dev.hotpatch.diff.change;

import dev.hotpatch.diff.internal.names.Names;
import java.util.Objects;

/**
 * A compile-time constant whose old value other classes may have copied into their own bytecode.
 *
 * <p>javac inlines {@code static final} primitives and Strings initialised with a constant
 * expression: a caller keeps the old value and no reference to the field, so every module that
 * compiles against the declaring class must be recompiled. Private constants are not reported,
 * since only their own class (recompiled anyway) can inline them.
 *
 * @param className internal name of the declaring class
 * @param field the field's name
 * @param descriptor the field's descriptor in the old build
 * @param before the old value as a Java literal ({@code "hi"}, {@code 3}, {@code 2L})
 * @param after the new value as a Java literal, or empty when the field is gone or no longer a
 *     constant
 */
public record ConstantChange(
    String className, String field, String descriptor, String before, String after) {

  public ConstantChange {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(before, "before");
    after = Objects.requireNonNullElse(after, "");
  }

  /** {@code lib.Config.GREETING "hi" -> "hello"}. */
  public String describe() {
    return Names.binary(className)
        + "."
        + field
        + " "
        + before
        + " -> "
        + (after.isEmpty() ? "(no longer a constant)" : after);
  }
}
