package peers.lib;

/** The state: a counter kept in memory. Edit 3 adds a field. */
public final class Visits {
  private long count;
  // EDIT3-FIELD

  public synchronized String next() {
    count++;
    return "count=" + count + " e3=A"; // EDIT3
  }
}
