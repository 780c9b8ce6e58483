package it.extra.lib;

public final class Words {
  private Words() {}

  public static String pair() {
    return Extra.word() + "+" + Extra.word().length();
  }
}
