package it.several.worker;

import it.several.shared.Loop;

/** The other application; ends with the exit code the test asks for. */
public final class Worker {
  public static void main(String[] args) throws Exception {
    System.exit(Loop.run(args[0]));
  }
}
