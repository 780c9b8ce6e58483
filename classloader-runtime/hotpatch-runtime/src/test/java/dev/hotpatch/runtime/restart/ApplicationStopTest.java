package dev.hotpatch.runtime.restart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.runtime.patch.StopActions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApplicationStopTest {
  // No Spring Boot is seen through the platform loader, though the tests' class path has it.
  private static final ClassLoader NO_SPRING = ClassLoader.getPlatformClassLoader();
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private final StaleLoaders application = new StaleLoaders(new ClassLoader(null) {});
  private final Lifeline lifeline = new Lifeline();
  private final List<Thread> started = new CopyOnWriteArrayList<>();

  @AfterEach
  void endThreads() {
    lifeline.release();
    for (Thread thread : started) {
      thread.setName("ended");
      thread.interrupt();
    }
  }

  @Test
  void anApplicationThatRegisteredNothingFallsBackAtOnce() throws Exception {
    ApplicationStop.Outcome outcome =
        ApplicationStop.stop(
            new StopActions(), application, NO_SPRING, true, lifeline, STOP_TIMEOUT);

    assertThat(outcome.stopped()).isFalse();
    assertThat(outcome.fallback())
        .startsWith("the application registered no way to stop it inside its JVM");
    // At once: it does not wait out the stop timeout (a behaviour, not a speed figure).
    assertThat(outcome.millis()).isLessThan(STOP_TIMEOUT.toMillis());
    assertThat(lifeline.thread()).as("nothing was stopped, nothing holds the JVM").isNull();
  }

  @Test
  void stopActionsRunTheLastRegisteredFirstAndTheirThreadsEnd() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread server = nonDaemon("server", release);
    List<String> order = new CopyOnWriteArrayList<>();
    StopActions actions = new StopActions();
    actions.add(
        () -> {
          order.add("first registered");
          release.countDown();
        });
    actions.add(() -> order.add("second registered"));

    ApplicationStop.Outcome outcome =
        ApplicationStop.stop(
            actions, application, NO_SPRING, true, lifeline, Duration.ofSeconds(5));

    assertThat(outcome.stopped()).as(outcome.fallback()).isTrue();
    assertThat(order).containsExactly("second registered", "first registered");
    assertThat(server.isAlive()).isFalse();
    assertThat(actions.isEmpty()).as("each action runs once").isTrue();
    assertThat(lifeline.thread()).as("the JVM is held until main runs again").isNotNull();
  }

  @Test
  void aThreadThatGoesOnAfterTheStopFallsBackNamingIt() throws Exception {
    nonDaemon("stubborn", new CountDownLatch(1));
    StopActions actions = new StopActions();
    actions.add(() -> {});

    ApplicationStop.Outcome outcome =
        ApplicationStop.stop(
            actions, application, NO_SPRING, true, lifeline, Duration.ofMillis(200));

    assertThat(outcome.stopped()).isFalse();
    assertThat(outcome.fallback())
        .startsWith("its thread \"stubborn\" (non-daemon, at ")
        .contains(" still runs 200 ms after the application was stopped. End it when");
    assertThat(outcome.millis()).isGreaterThanOrEqualTo(200);
  }

  @Test
  void aStartWhoseMainFailedIsStoppedWithoutAnyMeans() throws Exception {
    ApplicationStop.Outcome outcome =
        ApplicationStop.stop(
            new StopActions(), application, NO_SPRING, false, lifeline, Duration.ofSeconds(5));

    assertThat(outcome.stopped()).isTrue();
  }

  /** A non-daemon thread that waits for {@code release}, ignoring interrupts. */
  private Thread nonDaemon(String name, CountDownLatch release) {
    Thread thread =
        new Thread(
            () -> {
              while (release.getCount() > 0) {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  if (Thread.currentThread().getName().equals("ended")) {
                    return;
                  }
                }
              }
            },
            name);
    thread.setDaemon(false);
    thread.start();
    started.add(thread);
    return thread;
  }
}
