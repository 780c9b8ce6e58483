package it.shop;

import dev.hotpatch.HotValue;

/** A stable value whose method uses a class that reloads: the stable layer cannot see Tax. */
@HotValue
public record Quote(long cents) {
  public long total() {
    return cents + Tax.of(cents);
  }
}
