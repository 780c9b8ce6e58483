/**
 * The warm restart: stopping the application inside its JVM ({@code Hot.onStop} actions, Spring
 * Boot's application contexts, its own shutdown hooks), checking that its threads ended, clearing
 * what the libraries and the JDK keep of the stopped start's classes, and keeping the JVM alive
 * while no application thread runs. Starting it again is {@code launch}'s.
 */
package dev.hotpatch.runtime.restart;
