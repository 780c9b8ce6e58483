/**
 * How the classes of a module changed between two builds: the verdict per class ({@link
 * dev.hotpatch.diff.change.ClassChange}, {@link dev.hotpatch.diff.change.ChangeKind}), what makes a
 * class structural ({@link dev.hotpatch.diff.change.StructuralChange}), inlined constants whose
 * value moved ({@link dev.hotpatch.diff.change.ConstantChange}) and synthetic names that could not
 * be matched with certainty ({@link dev.hotpatch.diff.change.AmbiguousMatch}). Values only, so that
 * both the comparison that makes them and the callers that read them depend on this package and not
 * on each other.
 */
package dev.hotpatch.diff.change;
