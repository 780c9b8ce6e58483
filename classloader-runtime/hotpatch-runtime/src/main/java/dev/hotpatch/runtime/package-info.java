/**
 * The hotpatch runtime as a plain Java API: {@link dev.hotpatch.runtime.HotRuntime} owns the module
 * class loaders of one application and applies patches to them. It needs neither Maven nor the
 * plugin, so it can be driven (and tested) directly; {@code hotpatch:serve} drives it through the
 * launcher in {@code dev.hotpatch.runtime.boot} and the patch client.
 */
package dev.hotpatch.runtime;
