/**
 * Starts the application in the runtime's own class loader: {@link
 * dev.hotpatch.runtime.launch.RuntimeMain} reads the launch manifest, builds the {@code
 * HotRuntime}, starts the patch client and the watch on {@code serve}, and runs the application's
 * main method. Called by {@code dev.hotpatch.runtime.boot.Boot}, which names it by string.
 */
package dev.hotpatch.runtime.launch;
