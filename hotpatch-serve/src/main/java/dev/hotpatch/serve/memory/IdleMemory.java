package dev.hotpatch.serve.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.event.ServeEvent;
import dev.hotpatch.serve.event.ServeEventListener;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Gives the memory that serve's JVM took for a burst of work back to the system once serve has been
 * idle for a while.
 *
 * <p>serve runs in Maven's JVM, whose G1 heap grows for a compile or a warm-up and by default keeps
 * up to 70% of it free afterwards. After {@link #IDLE} without an event, one full collection runs
 * with tighter free ratios (10% to 30%) set for that collection only, and glibc is asked to return
 * the native memory it freed. The user's options win: ratios set on the command line, another
 * collector, or explicit collections turned off or made concurrent leave it off. Only one session
 * of a JVM does it, since the ratios are the JVM's.
 */
public final class IdleMemory implements ServeEventListener, AutoCloseable {
  /** How long serve waits after its last event: the end of a burst of saves, not a pause in it. */
  public static final Duration IDLE = Duration.ofSeconds(5);

  private static final String MIN_RATIO = "MinHeapFreeRatio";
  private static final String MAX_RATIO = "MaxHeapFreeRatio";
  private static final int IDLE_MIN_RATIO = 10;
  private static final int IDLE_MAX_RATIO = 30;
  private static final long MIB = 1024 * 1024;

  /** The ratios are the JVM's: one session at a time may change them. */
  private static final AtomicBoolean HELD = new AtomicBoolean();

  /** Once a session has set the ratios, the JVM reports them as set through management, by us. */
  private static volatile boolean ratiosSetBySession;

  /** Null when it is off. */
  private final HotSpotDiagnosticMXBean hotSpot;

  private final Console console;
  private final Duration idle;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "hotpatch-idle-memory");
            thread.setDaemon(true);
            return thread;
          });
  private ScheduledFuture<?> pending;
  private boolean told;
  private volatile int returns;

  private IdleMemory(HotSpotDiagnosticMXBean hotSpot, Console console, Duration idle) {
    this.hotSpot = hotSpot;
    this.console = console;
    this.idle = idle;
  }

  /**
   * Returns memory after {@code idle} without an event, or does nothing when the JVM's options or
   * another session rule it out: the user chose how this JVM sizes its heap.
   */
  public static IdleMemory start(Console console, Duration idle) {
    HotSpotDiagnosticMXBean hotSpot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    boolean allowed =
        mayTighten(
            ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .toList(),
            hotSpot.getVMOption(MIN_RATIO),
            hotSpot.getVMOption(MAX_RATIO),
            hotSpot.getVMOption("DisableExplicitGC"),
            hotSpot.getVMOption("ExplicitGCInvokesConcurrent"),
            ratiosSetBySession);
    boolean ours = allowed && HELD.compareAndSet(false, true);
    return new IdleMemory(ours ? hotSpot : null, console, idle);
  }

  /**
   * Whether serve may tighten the heap's sizing in a JVM with these collectors and options: only G1
   * with the ratios nobody but serve set, and explicit collections that are full ones.
   */
  static boolean mayTighten(
      List<String> collectors,
      VMOption minRatio,
      VMOption maxRatio,
      VMOption disableExplicitGc,
      VMOption explicitGcConcurrent,
      boolean ratiosSetBySession) {
    if (collectors.stream().noneMatch(name -> name.startsWith("G1 "))) {
      return false;
    }
    for (VMOption ratio : List.of(minRatio, maxRatio)) {
      boolean ours = ratiosSetBySession && ratio.getOrigin() == VMOption.Origin.MANAGEMENT;
      if (ratio.getOrigin() != VMOption.Origin.DEFAULT && !ours) {
        return false;
      }
    }
    return !Boolean.parseBoolean(disableExplicitGc.getValue())
        && !Boolean.parseBoolean(explicitGcConcurrent.getValue());
  }

  /** Any event is work: the clock starts again. */
  @Override
  public synchronized void on(ServeEvent event) {
    if (hotSpot == null || timer.isShutdown()) {
      return;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    pending = timer.schedule(this::returnMemory, idle.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether it returns memory in this JVM. */
  boolean active() {
    return hotSpot != null;
  }

  /** How many times it has returned memory, for tests. */
  int returns() {
    return returns;
  }

  /** Runs on the timer's thread: a patch that comes meanwhile waits for one collection at most. */
  void returnMemory() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = memory.getHeapMemoryUsage().getCommitted();
    String minRatio = hotSpot.getVMOption(MIN_RATIO).getValue();
    String maxRatio = hotSpot.getVMOption(MAX_RATIO).getValue();
    ratiosSetBySession = true;
    try {
      // In this order, so that the minimum never exceeds the maximum, which the JVM refuses.
      hotSpot.setVMOption(MIN_RATIO, Integer.toString(IDLE_MIN_RATIO));
      hotSpot.setVMOption(MAX_RATIO, Integer.toString(IDLE_MAX_RATIO));
      System.gc();
    } finally {
      hotSpot.setVMOption(MAX_RATIO, maxRatio);
      hotSpot.setVMOption(MIN_RATIO, minRatio);
    }
    trimNativeHeap();
    returns++;
    long after = memory.getHeapMemoryUsage().getCommitted();
    String line =
        "serve was idle for "
            + idle.toSeconds()
            + " s: its heap went from "
            + before / MIB
            + " to "
            + after / MIB
            + " MiB committed";
    if (!told && after < before) {
      told = true; // once: later returns say nothing new; an -Xms heap cannot shrink at all
      console.info(
          line
              + ". It does so after each burst of work; -XX:MaxHeapFreeRatio in MAVEN_OPTS turns"
              + " it off.");
    }
  }

  /** glibc keeps freed native memory; the JVM can ask it back (JDK 17.0.9 and later). */
  private static void trimNativeHeap() {
    try {
      ManagementFactory.getPlatformMBeanServer()
          .invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "systemTrimNativeHeap",
              new Object[0],
              new String[0]);
    } catch (JMException | RuntimeException e) {
      // An older JDK or another C library: the heap was returned, the native part stays.
    }
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (hotSpot != null) {
      HELD.set(false);
    }
  }
}
