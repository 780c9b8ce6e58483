package dev.hotpatch.diff.internal.compare;

/**
 * What javac generated a class for, when its name carries an ordinal.
 *
 * @param outer the class it is declared in (from EnclosingMethod), as in the class file
 * @param methodName the enclosing method, or "" (field initializer, switch map)
 * @param methodDescriptor the enclosing method's descriptor, or ""
 * @param simpleName a local class's simple name, or ""
 */
record SyntheticClass(
    Kind kind, String outer, String methodName, String methodDescriptor, String simpleName) {

  public static final SyntheticClass NONE = new SyntheticClass(Kind.NONE, "", "", "", "");

  /** Kinds of generated classes that are matched by content rather than by name. */
  public enum Kind {
    NONE,
    ANONYMOUS,
    LOCAL,
    SWITCH_MAP
  }
}
