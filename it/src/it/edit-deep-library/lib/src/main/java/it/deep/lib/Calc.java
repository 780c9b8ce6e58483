package it.deep.lib;

import it.deep.core.Numbers;

public final class Calc {
  private Calc() {}

  public static int value() {
    return Numbers.base() * 10;
  }
}
