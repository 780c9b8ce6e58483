/**
 * Compares two builds of a module ({@link dev.hotpatch.diff.internal.compare.DiffEngine}, its only
 * public class): finds the classes whose bytes differ, fingerprints them with names mapped (class
 * headers, members, a digest per method body and one of its debug information), matches javac's
 * numbered synthetic classes and members by content rather than by ordinal, and compares the
 * fingerprints class by class into the verdicts of {@code dev.hotpatch.diff.change}.
 */
package dev.hotpatch.diff.internal.compare;
