/**
 * module-diff's entry points: the snapshot of a module build ({@link
 * dev.hotpatch.diff.ModuleSnapshot}) and the store that reads each class file once per session
 * ({@link dev.hotpatch.diff.SnapshotStore}), the diff of two builds ({@link
 * dev.hotpatch.diff.ModuleDiff}), the reload plan of a workspace ({@link
 * dev.hotpatch.diff.ReloadPlanner}), the stable layer and its build-time rules ({@link
 * dev.hotpatch.diff.StableLayer}, {@link dev.hotpatch.diff.FacadeRules}), and what must be compiled
 * again after a change ({@link dev.hotpatch.diff.ApiDelta}). ASM is the only dependency.
 *
 * <p>Packages, each using only those after it (a test keeps them free of cycles):
 *
 * <ul>
 *   <li>{@code dev.hotpatch.diff}: these entry points and the values of a plan;
 *   <li>{@code internal.compare}: compares two builds class by class: fingerprints of classes and
 *       method bodies, and the matching of javac's numbered synthetic classes and members;
 *   <li>{@code internal.store}: the class bytes of one build and what is read from them once per
 *       class version (references, API, parsed trees on demand), carried over to the next build;
 *   <li>{@code change}: the verdicts, how each class changed;
 *   <li>{@code classfile}: what one class file uses ({@code Reference}) and what other classes
 *       compile against ({@code ClassApi});
 *   <li>{@code internal.names}: the JVM's names and javac's naming of what it generates.
 * </ul>
 */
package dev.hotpatch.diff;
