/**
 * {@code Hot.call} sites: each rewritten {@code Hot.call} is a {@link
 * dev.hotpatch.runtime.callsite.HotCallSite} linked to the newest code of its body ({@link
 * dev.hotpatch.runtime.callsite.LambdaShape}), and code a patch replaced while it ran is abandoned
 * up to the nearest current {@code Hot.call} ({@link dev.hotpatch.runtime.callsite.Unwinding}).
 */
package dev.hotpatch.runtime.callsite;
