package dev.hotpatch.serve.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.event.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleMemoryTest {
  private static final List<String> G1 = List.of("G1 Young Generation", "G1 Old Generation");
  private static final ServeEvent WORK = new ServeEvent.Warm(Instant.now(), 10, 1, 1, 0, 0, 0);

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Console console =
      new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false);

  private static VMOption option(String name, String value, VMOption.Origin origin) {
    return new VMOption(name, value, true, origin);
  }

  /** A boolean option, set on the command line when {@code on}, else the JVM's default. */
  private static VMOption flag(String name, boolean on) {
    return option(
        name, Boolean.toString(on), on ? VMOption.Origin.VM_CREATION : VMOption.Origin.DEFAULT);
  }

  private static boolean mayTighten(List<String> collectors, VMOption min, VMOption max) {
    return IdleMemory.mayTighten(
        collectors,
        min,
        max,
        flag("DisableExplicitGC", false),
        flag("ExplicitGCInvokesConcurrent", false),
        false);
  }

  private static boolean mayTightenWithExplicitGc(boolean disabled, boolean concurrent) {
    return IdleMemory.mayTighten(
        G1,
        defaultMin(),
        defaultMax(),
        flag("DisableExplicitGC", disabled),
        flag("ExplicitGCInvokesConcurrent", concurrent),
        false);
  }

  private static VMOption defaultMin() {
    return option("MinHeapFreeRatio", "40", VMOption.Origin.DEFAULT);
  }

  private static VMOption defaultMax() {
    return option("MaxHeapFreeRatio", "70", VMOption.Origin.DEFAULT);
  }

  @Test
  void mavensDefaultG1MayBeTightened() {
    assertThat(mayTighten(G1, defaultMin(), defaultMax())).isTrue();
  }

  @Test
  void anotherCollectorIsLeftAlone() {
    assertThat(mayTighten(List.of("PS Scavenge", "PS MarkSweep"), defaultMin(), defaultMax()))
        .isFalse();
  }

  @Test
  void ratiosTheUserSetWin() {
    assertThat(
            mayTighten(
                G1, defaultMin(), option("MaxHeapFreeRatio", "50", VMOption.Origin.VM_CREATION)))
        .isFalse();
    assertThat(
            mayTighten(
                G1, option("MinHeapFreeRatio", "20", VMOption.Origin.ENVIRON_VAR), defaultMax()))
        .isFalse();
  }

  @Test
  void ratiosASessionSetAreNotTheUsers() {
    VMOption min = option("MinHeapFreeRatio", "40", VMOption.Origin.MANAGEMENT);
    VMOption max = option("MaxHeapFreeRatio", "70", VMOption.Origin.MANAGEMENT);
    VMOption disable = flag("DisableExplicitGC", false);
    VMOption concurrent = flag("ExplicitGCInvokesConcurrent", false);
    assertThat(IdleMemory.mayTighten(G1, min, max, disable, concurrent, true)).isTrue();
    assertThat(IdleMemory.mayTighten(G1, min, max, disable, concurrent, false)).isFalse();
  }

  @Test
  void explicitCollectionsTurnedOffOrConcurrentLeaveItOff() {
    assertThat(mayTightenWithExplicitGc(true, false)).isFalse();
    assertThat(mayTightenWithExplicitGc(false, true)).isFalse();
  }

  @Test
  void onlyOneSessionOfAJvmHoldsTheRatios() {
    try (IdleMemory first = IdleMemory.start(console, Duration.ofMinutes(1))) {
      assumeTrue(first.active(), "this JVM's options leave it off");
      try (IdleMemory second = IdleMemory.start(console, Duration.ofMinutes(1))) {
        assertThat(second.active()).isFalse();
      }
    }
    try (IdleMemory again = IdleMemory.start(console, Duration.ofMinutes(1))) {
      assertThat(again.active()).isTrue();
    }
  }

  @Test
  void anIdleJvmGivesBackTheHeapABurstTookAndKeepsItsRatios() {
    try (IdleMemory memory = IdleMemory.start(console, Duration.ofMinutes(1))) {
      assumeTrue(memory.active(), "this JVM's options leave it off");
      HotSpotDiagnosticMXBean hotSpot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      String min = hotSpot.getVMOption("MinHeapFreeRatio").getValue();
      String max = hotSpot.getVMOption("MaxHeapFreeRatio").getValue();
      burst();
      long before = committedHeap();

      memory.returnMemory();
      memory.returnMemory();

      MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      assertThat(after.getCommitted()).isLessThan(before);
      // At most 30% free (with Maven's 70% it would keep three times what is used), give or take
      // a few regions and the heap's minimum.
      assertThat(after.getCommitted())
          .isLessThanOrEqualTo(Math.max(after.getUsed() * 2, 32L * 1024 * 1024));
      assertThat(hotSpot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(min);
      assertThat(hotSpot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(max);
      assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
          .singleElement(STRING) // one line, not one per return
          .contains("serve was idle for 60 s: its heap went from ")
          .contains("-XX:MaxHeapFreeRatio in MAVEN_OPTS turns it off");
    }
  }

  @Test
  void itReturnsOnceAfterTheLastEventOfABurst() throws InterruptedException {
    try (IdleMemory memory = IdleMemory.start(console, Duration.ofMillis(200))) {
      assumeTrue(memory.active(), "this JVM's options leave it off");
      for (int i = 0; i < 5; i++) {
        memory.on(WORK);
        Thread.sleep(20);
      }
      for (int i = 0; i < 200 && memory.returns() == 0; i++) {
        Thread.sleep(50);
      }
      assertThat(memory.returns()).isEqualTo(1);
      Thread.sleep(600); // no event since: nothing more to give back
      assertThat(memory.returns()).isEqualTo(1);
    }
  }

  @Test
  void aClosedSessionIgnoresLateEvents() throws InterruptedException {
    IdleMemory memory = IdleMemory.start(console, Duration.ofMillis(50));
    memory.close();
    memory.on(WORK);
    Thread.sleep(200);
    assertThat(memory.returns()).isZero();
  }

  /** What a compile does to the heap: a few hundred MiB allocated, then garbage. */
  private static void burst() {
    List<byte[]> held = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      held.add(new byte[8 * 1024 * 1024]);
    }
    assertThat(held).hasSize(48);
  }

  private static long committedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
  }
}
