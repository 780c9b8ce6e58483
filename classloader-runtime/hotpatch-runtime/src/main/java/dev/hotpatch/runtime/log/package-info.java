/**
 * The runtime's own lines: standard error with the {@code [hotpatch]} prefix, since standard output
 * belongs to the application. Used by every package that reports something.
 */
package dev.hotpatch.runtime.log;
