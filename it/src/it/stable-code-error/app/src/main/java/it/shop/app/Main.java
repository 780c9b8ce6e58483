package it.shop.app;

public final class Main {
  public static void main(String[] args) {
    System.out.println("must not run");
  }
}
