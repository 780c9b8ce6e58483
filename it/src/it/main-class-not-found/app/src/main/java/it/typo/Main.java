package it.typo;

public final class Main {
  public static void main(String[] args) {
    System.out.println("must not run");
  }
}
