/**
 * The runtime of one application: {@link dev.hotpatch.runtime.patch.HotRuntime} builds its module
 * loaders, installs the bridge behind {@code Hot}, and applies patches all or nothing (checks,
 * in-place redefinition, statics transfer, re-instancing, facades, reload listeners). The top of
 * the engines: it uses every one of them, and HotRuntime is its only public class.
 */
package dev.hotpatch.runtime.patch;
