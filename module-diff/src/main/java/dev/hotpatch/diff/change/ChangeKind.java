package dev.hotpatch.diff.change;

/** How one class differs between two builds of a module. */
public enum ChangeKind {
  /** Same behaviour and structure (the bytes may still differ, say in constant pool order). */
  UNCHANGED,
  /**
   * Only debug information changed: line numbers, local variable names, the source file name. Worth
   * patching, so that stack traces point at the right lines, but no behaviour changed.
   */
  DEBUG_ONLY,
  /**
   * Only method bodies changed; fields, method signatures, supertypes, modifiers, annotations and
   * the set of lambdas (after matching) are the same. The class can be redefined in place.
   */
  BODY_ONLY,
  /** Anything else that changed in a class present in both builds. */
  STRUCTURAL,
  /** The class is new (including a synthetic class that matched no class of the old build). */
  ADDED,
  /** The class is gone (including a synthetic class that matched no class of the new build). */
  REMOVED;

  /**
   * Whether a loaded class of this kind can take the new bytes through {@code
   * Instrumentation.redefineClasses}: true for unchanged, debug-only and body-only classes.
   */
  public boolean redefinable() {
    return this == UNCHANGED || this == DEBUG_ONLY || this == BODY_ONLY;
  }
}
