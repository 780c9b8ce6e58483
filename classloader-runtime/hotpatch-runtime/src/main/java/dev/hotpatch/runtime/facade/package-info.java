/**
 * {@code @HotFacade} facades: the classes generated for each interface ({@link
 * dev.hotpatch.runtime.facade.FacadeGenerator}), and the implementation each forwards to,
 * re-targeted by every patch ({@link dev.hotpatch.runtime.facade.FacadeTargets}).
 */
package dev.hotpatch.runtime.facade;
