package dev.hotpatch.protocol;

import java.util.function.LongSupplier;

/**
 * A token bucket over the messages of one connection: a burst of {@code burst} messages, then
 * {@code perSecond}. Serve sends one patch and waits for its result, and the application answers
 * each patch once, so a peer that exceeds this is neither. Both ends apply it to what they receive.
 */
public final class MessageRate {
  private final long burst;
  private final long nanosPerMessage;
  private final LongSupplier clock;
  private long tokensNanos; // the bucket in nanoseconds of refill; guarded by this
  private long last; // guarded by this

  public MessageRate(int burst, int perSecond, LongSupplier clock) {
    this.burst = burst;
    this.nanosPerMessage = 1_000_000_000L / perSecond;
    this.clock = clock;
    this.last = clock.getAsLong();
    this.tokensNanos = burst * nanosPerMessage;
  }

  /**
   * The protocol's rate for one connection: {@link Limits#BURST}, then {@link Limits#PER_SECOND}.
   */
  public static MessageRate perConnection() {
    return new MessageRate(Limits.BURST, Limits.PER_SECOND, System::nanoTime);
  }

  /** Takes one message from the bucket; false when the peer is over the limit. */
  public synchronized boolean admit() {
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
  public synchronized void refund() {
    tokensNanos = Math.min(burst * nanosPerMessage, tokensNanos + nanosPerMessage);
  }
}
