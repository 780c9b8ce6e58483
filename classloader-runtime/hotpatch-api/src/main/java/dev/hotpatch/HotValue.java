package dev.hotpatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type of a workspace module as a value that may appear in {@link HotFacade} signatures:
 * typically a record or an enum passed between modules.
 *
 * <p>Such a type is loaded once, with the facade interfaces, and never reloaded: change it and
 * serve restarts the application. Keep value types small and stable; put behaviour behind the
 * facade instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HotValue {}
