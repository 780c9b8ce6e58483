package it.deep.core;

public final class Numbers {
  private Numbers() {}

  public static int base() {
    return 1;
  }
}
