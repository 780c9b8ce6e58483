package it.several.server;

import it.several.shared.Loop;

/** One of the two applications; ends with exit code 0. */
public final class Server {
  public static void main(String[] args) throws Exception {
    Loop.run(args[0]);
    System.exit(0);
  }
}
