package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.HotBridges;
import dev.hotpatch.runtime.patch.HotRuntime;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small application for one test: modules compiled from sources held in the test, a runtime over
 * them with the bridge behind {@code Hot} installed, and patches numbered in order.
 */
public final class TestApplication implements AutoCloseable {
  private final TestWorkspace workspace;
  private HotRuntime runtime;
  private long patches;

  public TestApplication(Path folder) {
    this.workspace = new TestWorkspace(folder);
  }

  public TestWorkspace workspace() {
    return workspace;
  }

  /** Compiles one version of a module that has no workspace dependency. */
  public ModuleVersion build(String module, int version, Map<String, String> sources) {
    return workspace.module(module, version, List.of(), sources);
  }

  public ModuleVersion build(
      String module, int version, List<String> dependencies, Map<String, String> sources) {
    return workspace.module(module, version, dependencies, sources);
  }

  /** Starts the application; the last module is the main module. */
  public HotRuntime start(ModuleVersion... modules) {
    return start(null, modules);
  }

  public HotRuntime start(Instrumentation instrumentation, ModuleVersion... modules) {
    List<ModuleVersion> list = Arrays.asList(modules);
    runtime =
        HotRuntime.create(
            TestApplication.class.getClassLoader(), list, StableClasses.of(list), instrumentation);
    runtime.installBridge(modules[modules.length - 1].name());
    return runtime;
  }

  public HotRuntime runtime() {
    return runtime;
  }

  /** Applies the next patch, each module in a new loader. */
  public PatchResult patch(ModuleVersion... modules) {
    return apply(Patches.newLoaders(modules));
  }

  public PatchResult apply(List<ModulePatch> modules) {
    return runtime.apply(++patches, modules);
  }

  /** Applies the next patch and fails the test unless it applied. */
  public PatchResult patchOrFail(ModuleVersion... modules) {
    PatchResult result = patch(modules);
    assertThat(result.ok()).as(result.error()).isTrue();
    return result;
  }

  public Class<?> load(String module, String className) {
    return Reflect.load(runtime.loader(module), className);
  }

  /** Calls a static method of the current version of a class. */
  public Object call(String module, String className, String method, Object... args) {
    return Reflect.callStatic(runtime.loader(module), className, method, args);
  }

  /** Reads a static field of the current version of a class, without initializing anything new. */
  public Object read(String module, String className, String field) {
    return Reflect.readStatic(load(module, className), field);
  }

  @Override
  public void close() {
    HotBridges.install(null);
  }
}
