package dev.hotpatch.runtime.channel;

import java.util.function.LongSupplier;

/**
 * A token bucket over the messages of one connection: a burst of {@code burst} messages, then
 * {@code perSecond}. Serve sends one patch and waits for its result, so a peer that exceeds this is
 * not serve.
 */
final class MessageRate {
  private final long burst;
  private final long nanosPerMessage;
  private final LongSupplier clock;
  private long tokensNanos; // the bucket in nanoseconds of refill; guarded by this
  private long last; // guarded by this

  MessageRate(int burst, int perSecond, LongSupplier clock) {
    this.burst = burst;
    this.nanosPerMessage = 1_000_000_000L / perSecond;
    this.clock = clock;
    this.last = clock.getAsLong();
    this.tokensNanos = burst * nanosPerMessage;
  }

  /** Takes one message from the bucket; false when the peer is over the limit. */
  synchronized boolean admit() {
    long now = clock.getAsLong();
    long capacity = burst * nanosPerMessage;
    tokensNanos = Math.min(capacity, tokensNanos + Math.max(0, now - last));
    last = now;
    if (tokensNanos < nanosPerMessage) {
      return false;
    }
    tokensNanos -= nanosPerMessage;
    return true;
  }

  /**
   * Gives back the token of a message that was part of a patch's round trip: patches go one at a
   * time, each waiting for its answer, so however fast they come, a session of them is no flood.
   */
  synchronized void refund() {
    tokensNanos = Math.min(burst * nanosPerMessage, tokensNanos + nanosPerMessage);
  }
}
