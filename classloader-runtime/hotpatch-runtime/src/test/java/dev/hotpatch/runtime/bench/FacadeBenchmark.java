package dev.hotpatch.runtime.bench;

import dev.hotpatch.Hot;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One call of {@code Adder.add} four ways, before any patch and after 10 patches of the
 * implementing module: through the facade {@code Hot.facade} hands out, as a plain interface call
 * on the newest implementation object, through a per-call map lookup (the jump table of Dioxus
 * Subsecond: a {@code ConcurrentHashMap} from name to the newest object, and a cast), and through
 * {@link Method#invoke}. Plus the interface call at a site that has seen every version's class,
 * which is what calling the implementation directly across patches would leave.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FacadeBenchmark {
  private static final String KEY = Adder.class.getName();

  @Param({"0", "10"})
  public int patches;

  private Adder facade;
  private Adder implementation;
  private final Map<String, Object> table = new ConcurrentHashMap<>();
  private Method add;
  private int x = 1;

  @Setup
  public void start() throws ReflectiveOperationException {
    FacadeApplication application = FacadeApplication.start(patches);
    facade = Hot.facade(Adder.class);
    implementation = application.newest();
    table.put(KEY, implementation);
    add = implementation.getClass().getMethod("add", int.class);
    // Teach the shared call site every class it would have seen over the patches.
    for (int round = 0; round < 20_000; round++) {
      for (Adder version : application.versions()) {
        sharedSite(version, 1);
      }
    }
  }

  @Benchmark
  public int facade() {
    return facade.add(x);
  }

  @Benchmark
  public int direct() {
    return implementation.add(x);
  }

  @Benchmark
  public int mapLookup() {
    return ((Adder) table.get(KEY)).add(x);
  }

  @Benchmark
  public int reflection() throws ReflectiveOperationException {
    return (int) add.invoke(implementation, x);
  }

  @Benchmark
  public int directAtASiteThatSawEveryVersion() {
    return sharedSite(implementation, x);
  }

  // Inlined into the benchmark with the receiver profile it gathered in start().
  @CompilerControl(CompilerControl.Mode.INLINE)
  private static int sharedSite(Adder adder, int x) {
    return adder.add(x);
  }
}
