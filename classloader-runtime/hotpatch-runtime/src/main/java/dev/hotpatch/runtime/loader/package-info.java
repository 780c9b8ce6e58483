/**
 * The class loaders of an application's modules: one {@link
 * dev.hotpatch.runtime.loader.ModuleClassLoader} per module and version, the {@link
 * dev.hotpatch.runtime.loader.StableLoader} below them, the rewriting of module classes as they are
 * defined ({@link dev.hotpatch.runtime.loader.DevModeTransformer}), the generation of loaders that
 * is current and what each module remembers of its past versions ({@link
 * dev.hotpatch.runtime.loader.ModuleRegistry}), and the service files of a generation's modules
 * ({@link dev.hotpatch.runtime.loader.ServiceProviders}).
 *
 * <p>The lowest engine: it knows nothing of re-instancing, call sites, facades or patches. Where a
 * loader must call into them (a class's statics carry while it initializes, the re-instancing of
 * captured values) it does so through the interfaces {@link dev.hotpatch.runtime.loader.ClassCarry}
 * and {@link dev.hotpatch.runtime.loader.CaptureConverter}, which the packages above implement.
 */
package dev.hotpatch.runtime.loader;
