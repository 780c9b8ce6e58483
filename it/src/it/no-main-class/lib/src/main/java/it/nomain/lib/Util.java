package it.nomain.lib;

public final class Util {
  private Util() {}
}
