package dev.hotpatch.maven.serve;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Says each distinct refusal once: a peer that repeats itself, or floods, must not flood serve's
 * console. Bounded, so that a peer cannot grow it without end either.
 */
final class RejectionLog {
  private static final int MAX_LINES = 1000;

  private final Consumer<String> out;
  private final Set<String> said = new HashSet<>(); // guarded by this

  RejectionLog(Consumer<String> out) {
    this.out = out;
  }

  void once(String line) {
    synchronized (this) {
      if (said.size() >= MAX_LINES || !said.add(line)) {
        return;
      }
    }
    out.accept(line);
  }
}
