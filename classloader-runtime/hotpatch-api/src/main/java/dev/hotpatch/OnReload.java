package dev.hotpatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that migrates state after a patch, in the new version of a class.
 *
 * <ul>
 *   <li>On an <b>instance</b> method without parameters: runs once on every object that a patch
 *       re-instanced as an object of this class (an object reached through a carried static field,
 *       a {@code Hot.call} capture or a facade), after all its fields were copied. Fields added by
 *       the patch hold their default values ({@code 0}, {@code null}) until this method sets them.
 *   <li>On a <b>static</b> method without parameters: runs once per patch that reloaded the class,
 *       after the static fields of the class were carried over.
 * </ul>
 *
 * <p>Hooks run while the patch is loaded, before it becomes the running code; one that throws makes
 * the patch fail as a whole (when it runs for a {@code Hot.call} capture after the patch, the
 * exception reaches the caller of {@code Hot.call}). Without the hotpatch runtime the annotation
 * does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnReload {}
