/**
 * The class bytes of one module build and what is read from them once per class version: {@link
 * dev.hotpatch.diff.internal.store.ClassStore} holds the bytes, parses a class on demand and keeps
 * what was worked out about each class, which a store derived for the next build takes over for
 * every class that did not change; the readers compute references ({@link
 * dev.hotpatch.diff.internal.store.ClassRefs}, {@link
 * dev.hotpatch.diff.internal.store.ModuleFacts}), the API ({@code ApiReader}) and what code loads
 * ({@link dev.hotpatch.diff.internal.store.CodeUses}).
 *
 * <p>It knows nothing of comparisons: the comparison keeps its fingerprints in a store under a
 * {@link dev.hotpatch.diff.internal.store.ClassStore.Key} of its own.
 */
package dev.hotpatch.diff.internal.store;
