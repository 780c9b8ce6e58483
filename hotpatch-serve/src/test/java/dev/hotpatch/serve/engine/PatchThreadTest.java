package dev.hotpatch.serve.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.serve.build.WarmUpStep;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PatchThreadTest {
  private final PatchThread patchThread = new PatchThread();

  @AfterEach
  void stop() throws InterruptedException {
    patchThread.shutdownNow();
    assertThat(patchThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aWarmUpStepWaitsForTheTaskUnderWay() throws Exception {
    CountDownLatch taskStarted = new CountDownLatch(1);
    CountDownLatch taskMayEnd = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    Future<?> task =
        patchThread.submit(
            () -> {
              taskStarted.countDown();
              await(taskMayEnd);
              order.add("patch");
            });
    assertThat(taskStarted.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> step =
        CompletableFuture.runAsync(() -> patchThread.betweenTasks(step("warm-up", order)));
    awaitWaiter();
    assertThat(order).isEmpty();
    taskMayEnd.countDown();

    task.get(10, TimeUnit.SECONDS);
    step.get(10, TimeUnit.SECONDS);
    assertThat(order).containsExactly("patch", "warm-up");
  }

  @Test
  void aTaskSavedDuringAStepRunsBeforeTheNextStep() throws Exception {
    CountDownLatch stepStarted = new CountDownLatch(1);
    CountDownLatch stepMayEnd = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> warmUp =
        CompletableFuture.runAsync(
            () -> {
              patchThread.betweenTasks(
                  patchWaits -> {
                    stepStarted.countDown();
                    await(stepMayEnd);
                    order.add("step 1");
                    return true;
                  });
              patchThread.betweenTasks(step("step 2", order));
            });
    assertThat(stepStarted.await(10, TimeUnit.SECONDS)).isTrue();

    Future<?> task = patchThread.submit(() -> order.add("patch"));
    awaitWaiter();
    stepMayEnd.countDown();

    task.get(10, TimeUnit.SECONDS);
    warmUp.get(10, TimeUnit.SECONDS);
    assertThat(order).containsExactly("step 1", "patch", "step 2");
  }

  @Test
  void aStepIsToldThatATaskWaitsAndGivesTheTurnBackAtOnce() throws Exception {
    CountDownLatch stepStarted = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    CompletableFuture<Boolean> step =
        CompletableFuture.supplyAsync(
            () ->
                patchThread.betweenTasks(
                    patchWaits -> {
                      stepStarted.countDown();
                      for (int i = 0; i < 1_000 && !patchWaits.getAsBoolean(); i++) {
                        sleep(10);
                      }
                      order.add(patchWaits.getAsBoolean() ? "step stopped" : "step timed out");
                      return false;
                    }));
    assertThat(stepStarted.await(10, TimeUnit.SECONDS)).isTrue();

    Future<?> task = patchThread.submit(() -> order.add("patch"));

    assertThat(step.get(20, TimeUnit.SECONDS)).isFalse();
    task.get(10, TimeUnit.SECONDS);
    assertThat(order).containsExactly("step stopped", "patch");
  }

  @Test
  void aStepBesideTasksWaitsForTheTaskUnderWayAndLetsTheNextOneRunBesideIt() throws Exception {
    CountDownLatch taskStarted = new CountDownLatch(1);
    CountDownLatch taskMayEnd = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    Future<?> first =
        patchThread.submit(
            () -> {
              taskStarted.countDown();
              await(taskMayEnd);
              order.add("first patch");
            });
    assertThat(taskStarted.await(10, TimeUnit.SECONDS)).isTrue();

    CountDownLatch secondRan = new CountDownLatch(1);
    CompletableFuture<Void> step =
        CompletableFuture.runAsync(
            () ->
                patchThread.besideTasks(
                    () -> {
                      order.add("step started");
                      // Ends only once a patch submitted after it started has run.
                      patchThread.submit(
                          () -> {
                            order.add("second patch");
                            secondRan.countDown();
                          });
                      await(secondRan);
                      order.add("step ended");
                    }));
    awaitWaiter();
    assertThat(order).isEmpty();
    taskMayEnd.countDown();

    first.get(10, TimeUnit.SECONDS);
    step.get(10, TimeUnit.SECONDS);
    assertThat(order).containsExactly("first patch", "step started", "second patch", "step ended");
  }

  @Test
  void aTaskThatThrowsLetsTheWarmUpGoOn() throws Exception {
    Future<?> failing =
        patchThread.submit(
            () -> {
              throw new IllegalStateException("a patch failed");
            });
    assertThat(failing).failsWithin(10, TimeUnit.SECONDS);

    CompletableFuture<Void> step =
        CompletableFuture.runAsync(() -> patchThread.betweenTasks(patchWaits -> true));
    step.get(10, TimeUnit.SECONDS);
  }

  @Test
  void noStepRunsOnceTheSessionHasEnded() {
    List<String> order = new CopyOnWriteArrayList<>();
    patchThread.shutdownNow();

    assertThatThrownBy(() -> patchThread.betweenTasks(step("warm-up", order)))
        .isInstanceOf(RejectedExecutionException.class);
    assertThatThrownBy(() -> patchThread.besideTasks(() -> order.add("beside")))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(order).isEmpty();
  }

  private static WarmUpStep step(String name, List<String> order) {
    return patchWaits -> {
      order.add(name);
      return true;
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void awaitWaiter() throws InterruptedException {
    for (int i = 0; i < 1_000 && !patchThread.hasWaiters(); i++) {
      Thread.sleep(10);
    }
    assertThat(patchThread.hasWaiters()).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
