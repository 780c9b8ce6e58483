package dev.hotpatch.runtime.bench;

import dev.hotpatch.Hot;
import dev.hotpatch.HotRunnable;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Hot.call} against calling the same lambda directly, with no patch applied. Each method
 * calls into the module through a constant method handle, so the harness costs the same for all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotCallBenchmark {
  // Static finals: the JIT treats them as constants and inlines through them.
  private static final BenchApplication APPLICATION = BenchApplication.start(0);
  private static final MethodHandle DIRECT = APPLICATION.current("direct");
  private static final MethodHandle HOT_CALL = APPLICATION.current("hotCall");

  private static final HotRunnable BODY = APPLICATION.body();
  private static final MethodHandle ADD_DIRECT = APPLICATION.adder(false);
  private static final MethodHandle ADD_THROUGH_FACADE = APPLICATION.adder(true);

  private int x = 1;

  @Benchmark
  public int direct() throws Throwable {
    return (int) DIRECT.invokeExact(x);
  }

  @Benchmark
  public int hotCall() throws Throwable {
    return (int) HOT_CALL.invokeExact(x);
  }

  /** An interface call on an implementation object. */
  @Benchmark
  public int implementation() throws Throwable {
    return (int) ADD_DIRECT.invokeExact(x);
  }

  /** The same call through the facade {@code Hot.facade} hands out. */
  @Benchmark
  public int facade() throws Throwable {
    return (int) ADD_THROUGH_FACADE.invokeExact(x);
  }

  /** A kept body, run directly. */
  @Benchmark
  public void keptBody() {
    BODY.run();
  }

  /**
   * The kept body through {@code Hot.call} from code the runtime does not rewrite (a library, this
   * benchmark): no call site to link, so the newest code is looked up on every call. What linked
   * call sites save.
   */
  @Benchmark
  public void keptBodyThroughHotCallLookedUpPerCall() {
    Hot.call(BODY);
  }
}
