package dev.hotpatch.diff.internal.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How often the snapshots of one store read a class file from disk and parsed one with ASM: what
 * tests use to show that a patch costs in proportion to the change, not to the module.
 */
public final class ReadCounter {
  private final AtomicLong filesRead = new AtomicLong();
  private final AtomicLong parsed = new AtomicLong();

  public void countFileRead() {
    filesRead.incrementAndGet();
  }

  public void countParse() {
    parsed.incrementAndGet();
  }

  public long filesRead() {
    return filesRead.get();
  }

  public long parsed() {
    return parsed.get();
  }
}
