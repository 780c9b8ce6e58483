package dev.hotpatch.serve.channel;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Says each distinct refusal once: a peer that repeats itself, or floods, must not flood serve's
 * console. One log per connection for what is refused on it, which a new connection may be told
 * again (as the runtime does), and one per session for refusals keyed by their kind, so that a
 * process that keeps reconnecting is told once. Bounded, so that a peer cannot grow it without end
 * either; a connection that could reach the bound is cut off for flooding long before.
 */
final class RejectionLog {
  private static final int MAX_KEYS = 1000;

  private final Consumer<String> out;
  private final Set<Object> said = new HashSet<>(); // guarded by this

  RejectionLog(Consumer<String> out) {
    this.out = out;
  }

  /** Says {@code line} unless it was said already. */
  void once(String line) {
    once(line, line);
  }

  /**
   * Says {@code line} unless a line of the same {@code key} was said already: with the kind of
   * refusal as the key, the peer's text in the line does not make it a new one.
   */
  void once(Object key, String line) {
    synchronized (this) {
      if (said.size() >= MAX_KEYS || !said.add(key)) {
        return;
      }
    }
    out.accept(line);
  }
}
