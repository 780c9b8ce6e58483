package dev.hotpatch.diff.bench;

import dev.hotpatch.diff.ModuleDiff;
import dev.hotpatch.diff.ModuleReferences;
import dev.hotpatch.diff.ModuleSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Times {@link ModuleDiff#compare} on generated modules of 100, 1,000 and 5,000 classes in which
 * one class changed, against a baseline measured in the same run: reading the two builds' class
 * folders into snapshots, which a diff without a session has to do first. The delta column is the
 * path serve takes: the new snapshot derived from the session's with the changed class only, its
 * references, and the diff.
 *
 * <pre>
 * mvn -q -pl module-diff test-compile exec:java \
 *   -Dexec.mainClass=dev.hotpatch.diff.bench.ModuleDiffBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * <p>Timings are medians; every measurement is preceded by warm-up runs of the same code.
 */
public final class ModuleDiffBenchmark {
  private static final int[] SIZES = {100, 1_000, 5_000};

  /**
   * Larger than the CPU caches. Touched before each timed run, so that no run finds the class bytes
   * in cache just because the setup has copied them: a real patch arrives after the application has
   * been busy with other data.
   */
  private static final byte[] CACHE_FLUSH = new byte[64 << 20];

  private ModuleDiffBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "module-diff benchmark, Java %s, %d cores%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        Locale.ROOT,
        "%-8s %12s %14s %14s %14s %14s %12s %12s %12s%n",
        "classes",
        "read (base)",
        "compare cold",
        "compare warm",
        "references",
        "delta",
        "cold/base",
        "warm/base",
        "delta/base");
    for (int size : SIZES) {
      run(size);
    }
  }

  private static void run(int size) throws Exception {
    Map<String, byte[]> before = SyntheticModule.generate(size, -1);
    Map<String, byte[]> after = SyntheticModule.generate(size, size / 2);
    Path root = Files.createTempDirectory("module-diff-bench");
    try {
      Path beforeDir = write(root.resolve("before"), before);
      Path afterDir = write(root.resolve("after"), after);
      int runs = size <= 100 ? 300 : size <= 1_000 ? 100 : 40;

      double read =
          median(
              runs,
              () ->
                  () -> {
                    ModuleSnapshot.ofDirectory(beforeDir);
                    return ModuleSnapshot.ofDirectory(afterDir);
                  });
      // Fresh snapshots every run (made outside the timing): nothing cached.
      double cold =
          median(
              runs,
              () -> {
                ModuleSnapshot b = ModuleSnapshot.of(before);
                ModuleSnapshot a = ModuleSnapshot.of(after);
                flushCaches();
                return () -> ModuleDiff.compare(b, a);
              });
      // The same snapshots every run, as in a session where "after" becomes the next "before".
      ModuleSnapshot warmBefore = ModuleSnapshot.of(before);
      ModuleSnapshot warmAfter = ModuleSnapshot.of(after);
      double warm =
          median(
              runs,
              () -> {
                flushCaches();
                return () -> ModuleDiff.compare(warmBefore, warmAfter);
              });
      // The patch path since snapshots are derived: the new snapshot shares the old one's bytes
      // and caches, and the diff is told which classes changed.
      Map<String, byte[]> changed = changedEntries(before, after);
      ModuleSnapshot session = ModuleSnapshot.of(before);
      ModuleReferences.of(session);
      double delta =
          median(
              runs,
              () -> {
                flushCaches();
                return () -> {
                  ModuleSnapshot next = session.derive(changed, Set.of());
                  ModuleReferences.of(next);
                  return ModuleDiff.compare(session, next);
                };
              });
      double references =
          median(
              Math.max(10, runs / 5),
              () -> {
                ModuleSnapshot a = ModuleSnapshot.of(after);
                flushCaches();
                return () -> ModuleReferences.of(a);
              });

      System.out.printf(
          Locale.ROOT,
          "%-8d %9.3f ms %11.3f ms %11.3f ms %11.3f ms %11.3f ms %12.3f %12.3f %12.3f%n",
          size,
          read,
          cold,
          warm,
          references,
          delta,
          cold / read,
          warm / read,
          delta / read);
    } finally {
      delete(root);
    }
  }

  /**
   * Median milliseconds of the tasks {@code prepare} returns; preparing is not timed. The same
   * number of untimed warm-up runs (at least 20) comes first.
   */
  private static double median(int runs, Callable<Callable<?>> prepare) throws Exception {
    Object sink = null;
    for (int i = 0; i < Math.max(20, runs); i++) {
      sink = prepare.call().call();
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      Callable<?> task = prepare.call();
      long start = System.nanoTime();
      sink = task.call();
      nanos[i] = System.nanoTime() - start;
    }
    if (sink == null) {
      // Keeps the results reachable, so the JIT cannot drop the work.
      throw new IllegalStateException("benchmark task returned nothing");
    }
    Arrays.sort(nanos);
    return nanos[runs / 2] / 1e6;
  }

  private static Map<String, byte[]> changedEntries(
      Map<String, byte[]> before, Map<String, byte[]> after) {
    Map<String, byte[]> changed = new HashMap<>();
    after.forEach(
        (name, bytes) -> {
          if (!Arrays.equals(bytes, before.get(name))) {
            changed.put(name, bytes);
          }
        });
    return changed;
  }

  private static void flushCaches() {
    for (int i = 0; i < CACHE_FLUSH.length; i += 64) {
      CACHE_FLUSH[i]++;
    }
  }

  private static Path write(Path dir, Map<String, byte[]> classes) throws IOException {
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
    return dir;
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
        Files.delete(p);
      }
    }
  }
}
