/**
 * Names as the JVM and javac write them: internal, binary and display names ({@link
 * dev.hotpatch.diff.internal.names.Names}) and the numbered names javac gives what it generates
 * ({@link dev.hotpatch.diff.internal.names.SyntheticNames}). The bottom of module-diff: every other
 * package may use it, and it uses none.
 */
package dev.hotpatch.diff.internal.names;
