package dev.hotpatch.runtime.restart;

import dev.hotpatch.runtime.log.Log;
import dev.hotpatch.runtime.patch.StopActions;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stops the application inside its JVM for a warm restart: its {@code Hot.onStop} actions, the last
 * registered first, then Spring Boot's application contexts, then its own shutdown hooks; then it
 * waits for the application's non-daemon threads to end. Says why not when the application cannot
 * be stopped so: it registered no way, or a thread of it goes on.
 */
public final class ApplicationStop {
  /**
   * What became of the stop.
   *
   * @param fallback why only a new JVM can start the application again, or null when it stopped
   * @param millis how long it took
   */
  public record Outcome(String fallback, long millis) {
    public boolean stopped() {
      return fallback == null;
    }
  }

  private ApplicationStop() {}

  /**
   * Stops the start of the application that {@code application} names.
   *
   * @param actions what the application registered with {@code Hot.onStop}
   * @param libraries the libraries loader, where Spring Boot is when the application uses it
   * @param running whether that start runs; a start whose main failed is stopped without any means
   *     of stopping it, since at most its leftovers remain
   * @param lifeline holds the JVM meanwhile: its thread is not the application's
   * @param timeout how long the application's threads may take to end
   */
  public static Outcome stop(
      StopActions actions,
      StaleLoaders application,
      ClassLoader libraries,
      boolean running,
      Lifeline lifeline,
      Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    SpringApplications spring = SpringApplications.find(libraries);
    List<Closeable> contexts = spring == null ? List.of() : spring.contexts();
    if (running && actions.isEmpty() && contexts.isEmpty()) {
      return new Outcome(
          "the application registered no way to stop it inside its JVM: it has no Spring Boot"
              + " application context and called no Hot.onStop. Register one with Hot.onStop for"
              + " warm restarts",
          millisSince(start));
    }
    lifeline.hold();
    long deadline = start + timeout.toNanos();
    List<String> problems = new ArrayList<>();
    for (Runnable action : actions.drain()) {
      try {
        action.run();
      } catch (RuntimeException | LinkageError e) {
        problems.add("the Hot.onStop action " + action + " threw " + e);
      }
    }
    if (spring != null) {
      spring.stop(application, problems);
    }
    String hooks = ShutdownHooks.runApplicationHooks(application, deadline);
    if (hooks != null) {
      problems.add(hooks);
    }
    problems.forEach(problem -> Log.line("Stopping the application: " + problem + "."));
    Thread left = ApplicationThreads.awaitEnd(lifelineOnly(lifeline), deadline);
    if (left != null) {
      return new Outcome(
          "its thread "
              + ApplicationThreads.describe(left)
              + " still runs "
              + timeout.toMillis()
              + " ms after the application was stopped. End it when the application stops"
              + " (Hot.onStop, @PreDestroy), make it a daemon thread, or give it longer with"
              + " -Dhotpatch.stopTimeout",
          millisSince(start));
    }
    return new Outcome(null, millisSince(start));
  }

  private static Set<Thread> lifelineOnly(Lifeline lifeline) {
    Thread thread = lifeline.thread();
    return thread == null ? Set.of() : Set.of(thread);
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
