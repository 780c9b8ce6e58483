package it.embedded;

/** Exits with code 3 at once. */
public final class Main {
  public static void main(String[] args) {
    System.out.println("exiting with 3");
    System.exit(3);
  }
}
