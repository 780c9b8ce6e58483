/**
 * The runtime's end of the protocol with {@code serve} (the protocol page of the site): the launch
 * manifest that {@code serve} writes ({@link dev.hotpatch.runtime.channel.LaunchManifest}), and the
 * patch WebSocket ({@link dev.hotpatch.runtime.channel.PatchClient}) with its messages, their
 * admission and rate limits, and their JSON. Knows nothing of loaders: it hands each patch to a
 * {@link dev.hotpatch.runtime.channel.PatchClient.Patcher}.
 */
package dev.hotpatch.runtime.channel;
