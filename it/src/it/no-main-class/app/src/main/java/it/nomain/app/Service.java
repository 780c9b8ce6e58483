package it.nomain.app;

/** Has a main method, but not one the launcher can call. */
public final class Service {
  static void main(String[] args) {}
}
