package peers.lib;

/**
 * The implementation, registered in META-INF/services. It holds the counter: edit 1 changes the
 * body of word(), edit 2 adds a method, edit 3 adds a field.
 */
public final class SiteImpl implements Site {
  private long count;
  // EDIT3-FIELD

  @Override
  public synchronized String visit() {
    count++;
    return "count=" + count + " e3=A"; // EDIT3
  }

  @Override
  public String word() {
    return "e1=A"; // EDIT1
  }

  // EDIT2-METHOD
}
