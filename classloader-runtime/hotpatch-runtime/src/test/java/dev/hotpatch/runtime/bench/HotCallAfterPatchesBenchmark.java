package dev.hotpatch.runtime.bench;

import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Hot.call} against calling the lambda directly after 10 patches of the lambda's module:
 * from the newest code, and from the code the application started with (a main loop that still runs
 * its first version), whose {@code Hot.call} runs the newest body with its captured value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotCallAfterPatchesBenchmark {
  private static final BenchApplication APPLICATION = BenchApplication.start(10);
  private static final MethodHandle DIRECT = APPLICATION.current("direct");
  private static final MethodHandle HOT_CALL = APPLICATION.current("hotCall");
  private static final MethodHandle DIRECT_FIRST_VERSION = APPLICATION.first("direct");
  private static final MethodHandle HOT_CALL_FIRST_VERSION = APPLICATION.first("hotCall");

  private int x = 1;

  @Benchmark
  public int direct() throws Throwable {
    return (int) DIRECT.invokeExact(x);
  }

  @Benchmark
  public int hotCall() throws Throwable {
    return (int) HOT_CALL.invokeExact(x);
  }

  @Benchmark
  public int directFromFirstVersion() throws Throwable {
    return (int) DIRECT_FIRST_VERSION.invokeExact(x);
  }

  @Benchmark
  public int hotCallFromFirstVersion() throws Throwable {
    return (int) HOT_CALL_FIRST_VERSION.invokeExact(x);
  }
}
