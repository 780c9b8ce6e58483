package it.ctrlc;

/** Runs for five minutes unless it is stopped: long enough to be found if it is left behind. */
public final class Main {
  public static void main(String[] args) throws Exception {
    System.out.println("running until stopped");
    Thread.sleep(300_000);
  }
}
