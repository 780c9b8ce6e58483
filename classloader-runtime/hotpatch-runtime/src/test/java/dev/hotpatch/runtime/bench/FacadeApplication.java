package dev.hotpatch.runtime.bench;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.PatchResult;
import dev.hotpatch.runtime.StableClasses;
import dev.hotpatch.runtime.TestWorkspace;
import dev.hotpatch.runtime.patch.HotRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The application {@link FacadeBenchmark} calls: one module whose class {@code Counting} implements
 * {@link Adder} and is registered for it in {@code META-INF/services}, patched a given number of
 * times (each patch a new loader, as a structural edit gets).
 */
final class FacadeApplication {
  private static final String COUNTING =
      """
      package bench;
      public final class Counting implements dev.hotpatch.runtime.bench.Adder {
        int total;
        String tag = "version-0";
        public int add(int x) { total += x; return total; }
      }
      """;

  private final List<Adder> versions;

  private FacadeApplication(List<Adder> versions) {
    this.versions = versions;
  }

  static FacadeApplication start(int patches) {
    Path folder;
    try {
      folder = Files.createTempDirectory("hotpatch-facade-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestWorkspace workspace =
        new TestWorkspace(folder).withLibrary(TestWorkspace.locationOf(Adder.class));
    ModuleVersion base =
        workspace.module(
            "bench",
            0,
            List.of(),
            Map.of("bench.Counting", COUNTING),
            Map.of("META-INF/services/" + Adder.class.getName(), "bench.Counting\n"));
    HotRuntime runtime =
        HotRuntime.create(
            FacadeApplication.class.getClassLoader(),
            List.of(base),
            StableClasses.of(List.of(base)));
    runtime.installBridge("bench");
    List<Adder> versions = new ArrayList<>();
    versions.add(newCounting(runtime));
    for (int version = 1; version <= patches; version++) {
      ModuleVersion next = workspace.variant(base, version, "version-0", "version-" + version);
      PatchResult result = runtime.apply(version, List.of(ModulePatch.newLoader(next)));
      if (!result.ok()) {
        throw new IllegalStateException(result.error());
      }
      versions.add(newCounting(runtime));
    }
    return new FacadeApplication(versions);
  }

  private static Adder newCounting(HotRuntime runtime) {
    try {
      return (Adder)
          Class.forName("bench.Counting", true, runtime.loader("bench"))
              .getConstructor()
              .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An object of the newest version of {@code Counting}. */
  Adder newest() {
    return versions.get(versions.size() - 1);
  }

  /** An object of every version of {@code Counting}, the first first. */
  List<Adder> versions() {
    return versions;
  }
}
