package it.facade.lib;

/** Registered in META-INF/services; counts the calls it served. */
public final class CounterImpl implements Counter {
  private int count;

  @Override
  public String next(String who) {
    count++;
    return "hello " + who + " #" + count;
  }
}
