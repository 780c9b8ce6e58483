/**
 * The values the hotpatch runtime is given and answers with: one build of a module ({@link
 * dev.hotpatch.runtime.ModuleVersion}), what a patch does to a module ({@link
 * dev.hotpatch.runtime.ModulePatch}) and what became of a patch ({@link
 * dev.hotpatch.runtime.PatchResult}). JDK types only: every package of the runtime uses them, and
 * they use none.
 *
 * <p>The runtime itself is {@link dev.hotpatch.runtime.patch.HotRuntime}: it owns the module class
 * loaders of one application and applies patches to them. It needs neither Maven nor the plugin, so
 * it can be driven (and tested) directly; {@code hotpatch:serve} drives it through the launcher in
 * {@code dev.hotpatch.runtime.boot} and {@code dev.hotpatch.runtime.launch}, and the patch client
 * in {@code dev.hotpatch.runtime.channel}.
 *
 * <p>One package per engine, listed so that each uses only packages before it (a test keeps the
 * packages free of cycles):
 *
 * <ul>
 *   <li>{@code log}: the runtime's own lines on standard error;
 *   <li>{@code loader}: the module class loaders, the stable layer below them, the rewriting of
 *       module classes as they are defined, the generations and history of the loaders, and the
 *       service files they hold;
 *   <li>{@code reinstance}: re-instancing objects of reloaded classes, and the plan that carries a
 *       class's statics into its new version;
 *   <li>{@code callsite}: {@code Hot.call} sites, linked to the newest code of their body, and
 *       stale-call unwinding;
 *   <li>{@code facade}: the generated {@code @HotFacade} facades and the implementations they
 *       forward to;
 *   <li>{@code patch}: {@code HotRuntime}, the all-or-nothing patch transaction, the bridge behind
 *       {@code Hot}, and the {@code Hot.onStop} actions of a start;
 *   <li>{@code restart}: the warm restart's stop, the clearing of what a stopped start leaves
 *       behind, and the thread that keeps the JVM up meanwhile;
 *   <li>{@code channel}: the runtime's end of the protocol with {@code serve}: the launch manifest
 *       and the patch WebSocket;
 *   <li>{@code launch}: starting the application from the launch manifest, and again on a warm
 *       restart.
 * </ul>
 *
 * <p>{@code boot} holds the entry points of the runtime jar (main class and agent); it uses the JDK
 * only and names {@code launch} by string.
 */
package dev.hotpatch.runtime;
