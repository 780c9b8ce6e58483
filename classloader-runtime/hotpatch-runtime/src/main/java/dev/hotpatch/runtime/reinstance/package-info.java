/**
 * Re-instancing: turns values that refer to objects of reloaded classes into values that refer to
 * objects of the new classes ({@link dev.hotpatch.runtime.reinstance.Reinstancing}, one round per
 * patch; {@link dev.hotpatch.runtime.reinstance.Reinstancer}, across the session), plans how each
 * class's statics move into its new version ({@link dev.hotpatch.runtime.reinstance.StaticsCarry}),
 * and runs {@code @OnReload} hooks. Uses the loaders only.
 */
package dev.hotpatch.runtime.reinstance;
