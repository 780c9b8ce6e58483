package it.sigterm;

/** Runs until it is stopped; says so from a shutdown hook, as a server would close its sockets. */
public final class Main {
  public static void main(String[] args) throws Exception {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> System.out.println("application shutdown hook ran")));
    System.out.println("running until stopped");
    for (int i = 0; i < 3000; i++) {
      Thread.sleep(100);
    }
    System.exit(98);
  }
}
