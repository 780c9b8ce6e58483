package it.proc.processor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Generates {@code <Type>Greeting.text()} returning the value. */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Greet {
  String value();
}
