package it.ambiguous;

public final class Tool {
  public static void main(String[] args) {
    System.out.println("Tool ran");
  }
}
