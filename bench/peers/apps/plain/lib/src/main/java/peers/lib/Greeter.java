package peers.lib;

/** The library's greeting. Edit 1 changes the body of word(); edit 2 adds a method. */
public final class Greeter {
  public String word() {
    return "e1=A"; // EDIT1
  }

  // EDIT2-METHOD
}
