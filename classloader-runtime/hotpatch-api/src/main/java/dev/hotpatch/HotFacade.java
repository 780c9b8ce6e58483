package dev.hotpatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a stable contract between workspace modules.
 *
 * <p>Callers obtain it with {@link Hot#facade(Class)}. Under {@code hotpatch:serve} they get a
 * facade that forwards every call to the newest implementation, so the module that implements the
 * interface can be patched without reloading the modules that call it. Without the runtime, {@link
 * Hot#facade(Class)} returns the implementation found by {@link java.util.ServiceLoader}.
 *
 * <p>The implementing module registers its implementation in {@code META-INF/services/<interface
 * name>}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HotFacade {}
