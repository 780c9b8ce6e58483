/**
 * The patch protocol between {@code serve} and the runtime in the application JVM, defined once:
 * its version, its limits, the names of its messages and fields, and the rate limiter both ends
 * apply to a connection. JDK only, and no JSON: the runtime reads messages with Jackson's streaming
 * layer (start-up time), serve with data binding; both check against these names. The protocol page
 * of the site describes the messages.
 */
package dev.hotpatch.protocol;
