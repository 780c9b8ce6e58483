package dev.hotpatch.runtime;

import static dev.hotpatch.runtime.Patches.newLoaders;
import static dev.hotpatch.runtime.Reflect.call;
import static dev.hotpatch.runtime.Reflect.callStatic;
import static dev.hotpatch.runtime.Reflect.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.Hot;
import dev.hotpatch.HotBridges;
import dev.hotpatch.runtime.patch.HotRuntime;
import java.lang.ref.WeakReference;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotRuntimeTest {
  @TempDir Path folder;
  private DemoModules demo;
  private HotRuntime runtime;

  @BeforeEach
  void startApplication() {
    demo = new DemoModules(new TestWorkspace(folder));
    runtime = start(List.of(demo.core(0), demo.lib(0), demo.app(0)));
    runtime.installBridge("app");
    System.clearProperty("demo.noisy");
  }

  @AfterEach
  void stopApplication() {
    HotBridges.install(null);
  }

  private Class<?> app() {
    return load(runtime.loader("app"), "demo.app.App");
  }

  private List<ModuleVersion> cascade(int version) {
    return List.of(demo.core(version), demo.lib(version), demo.app(version));
  }

  @Test
  void hotCallRunsTheOriginalBodyWithoutAnyPatch() {
    assertThat(call(app(), null, "greet")).isEqualTo("app0:lib0(core0)");
    assertThat(runtime.version()).isZero();
    assertThat(Hot.version()).isZero();
    assertThat(Hot.isActive()).isTrue();
  }

  @Test
  void nextCallRunsTheNewBodyAfterAPatchOfTheLambdasOwnModule() {
    Class<?> oldApp = app();
    call(oldApp, null, "greet");

    PatchResult result = runtime.apply(1, newLoaders(demo.app(1)));

    assertThat(result.ok()).as(result.error()).isTrue();
    assertThat(call(oldApp, null, "greet")).isEqualTo("app1:lib0(core0)");
    assertThat(call(app(), null, "greet")).isEqualTo("app1:lib0(core0)");
    assertThat(runtime.version()).isEqualTo(1);
    assertThat(Hot.version()).isEqualTo(1);
  }

  @Test
  void voidBodyRunsTheNewCodeAfterAPatch() {
    Class<?> oldApp = app();
    call(oldApp, null, "mark");
    assertThat(System.getProperty("demo.app.mark")).isEqualTo("app0");

    assertThat(runtime.apply(1, newLoaders(demo.app(1))).ok()).isTrue();

    call(oldApp, null, "mark");
    assertThat(System.getProperty("demo.app.mark")).isEqualTo("app1");
  }

  @Test
  void nextCallRunsTheNewBodyAfterACascadeFromTwoModulesDown() {
    Class<?> oldApp = app();
    call(oldApp, null, "greet");

    PatchResult result = runtime.apply(1, newLoaders(cascade(1)));

    assertThat(result.ok()).as(result.error()).isTrue();
    assertThat(call(oldApp, null, "greet")).isEqualTo("app1:lib1(core1)");
    assertThat(runtime.modules())
        .extracting(ModuleVersion::label)
        .containsExactly("core@v1", "lib@v1", "app@v1");
  }

  @Test
  void methodReferenceRunsTheNewestMethodOfTheModuleThatDeclaresIt() {
    Class<?> oldApp = app();
    assertThat(call(oldApp, null, "byReference")).isEqualTo("core0");

    assertThat(runtime.apply(1, newLoaders(demo.core(1))).ok()).isTrue();

    assertThat(call(oldApp, null, "byReference")).isEqualTo("core1");
  }

  @Test
  void staticCounterSurvivesAPatch() {
    Class<?> oldApp = app();
    assertThat(call(oldApp, null, "count")).isEqualTo(1);
    assertThat(call(oldApp, null, "count")).isEqualTo(2);

    PatchResult result = runtime.apply(1, newLoaders(cascade(1)));

    assertThat(result.ok()).as(result.error()).isTrue();
    assertThat(result.warnings()).isEmpty();
    assertThat(call(oldApp, null, "count")).isEqualTo(3);
    assertThat(call(app(), null, "count")).isEqualTo(4);
  }

  @Test
  void staticFinalListIsCarried() throws Exception {
    assertThat(call(app(), null, "remember", "a")).isEqualTo("a");

    assertThat(runtime.apply(1, newLoaders(cascade(1))).ok()).isTrue();

    assertThat(call(app(), null, "remember", "b")).isEqualTo("a,b");
    Class<?> counter = load(runtime.loader("core"), "demo.core.Counter");
    assertThat(Modifier.isFinal(counter.getField("SEEN").getModifiers())).isFalse();
  }

  @Test
  void staticWhoseTypeChangedStartsAgainAndIsNamedInAWarning() {
    call(app(), null, "count");
    call(app(), null, "count");

    PatchResult result =
        runtime.apply(1, newLoaders(demo.core(1, "long", ""), demo.lib(1), demo.app(1)));

    assertThat(result.ok()).as(result.error()).isTrue();
    assertThat(result.warnings())
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .startsWith("demo.core.Counter.count not carried")
                    .contains("from int to long"))
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .startsWith("Static initializer of demo.core.Counter ran again")
                    .contains("count")
                    .contains("the values of SEEN were carried back after it"));
    assertThat(call(app(), null, "count")).isEqualTo(1L);
  }

  @Test
  void throwingStaticInitializerRollsThePatchBack() {
    Class<?> oldApp = app();
    ClassLoader oldCore = runtime.loader("core");
    assertThat(call(oldApp, null, "count")).isEqualTo(1);

    PatchResult result =
        runtime.apply(
            1,
            newLoaders(demo.core(1, "int", DemoModules.COUNTER_FAILS), demo.lib(1), demo.app(1)));

    assertThat(result.ok()).isFalse();
    assertThat(result.error())
        .startsWith("Static initializer of demo.core.Counter failed")
        .contains("config broken");
    assertThat(runtime.version()).isZero();
    assertThat(runtime.loader("core")).isSameAs(oldCore);
    assertThat(call(oldApp, null, "greet")).isEqualTo("app0:lib0(core0)");
    assertThat(call(oldApp, null, "count")).isEqualTo(2);

    PatchResult fixed = runtime.apply(2, newLoaders(cascade(2)));
    assertThat(fixed.ok()).as(fixed.error()).isTrue();
    assertThat(call(oldApp, null, "greet")).isEqualTo("app2:lib2(core2)");
    assertThat(call(oldApp, null, "count")).isEqualTo(3);
  }

  @Test
  void patchDoesNotInitializeClassesTheApplicationNeverInitialized() {
    load(runtime.loader("core"), "demo.core.Noisy");

    assertThat(runtime.apply(1, newLoaders(cascade(1))).ok()).isTrue();

    assertThat(System.getProperty("demo.noisy")).isNull();
    callStatic(runtime.loader("core"), "demo.core.Noisy", "touch");
    assertThat(System.getProperty("demo.noisy")).isEqualTo("core1");
  }

  @Test
  void patchWithAnOldPatchNumberIsRefusedAndChangesNothing() {
    assertThat(runtime.apply(5, newLoaders(demo.app(1))).ok()).isTrue();

    PatchResult replay = runtime.apply(5, newLoaders(demo.app(2)));

    assertThat(replay.ok()).isFalse();
    assertThat(replay.error()).contains("Patch 5 refused");
    assertThat(runtime.version()).isEqualTo(1);
    assertThat(call(app(), null, "greet")).isEqualTo("app1:lib0(core0)");
  }

  @Test
  void patchOfAModuleTheApplicationLacksIsRefused() {
    PatchResult result =
        runtime.apply(1, newLoaders(new ModuleVersion("ghost", 1, List.of(folder), List.of())));

    assertThat(result.ok()).isFalse();
    assertThat(result.error()).contains("module ghost is not part of the running application");
  }

  @Test
  void patchListingADependencyAfterItsDependentIsRefused() {
    PatchResult result = runtime.apply(1, newLoaders(demo.lib(1), demo.core(1)));

    assertThat(result.ok()).isFalse();
    assertThat(result.error()).contains("lib@v1 comes before its dependency core");
    assertThat(runtime.version()).isZero();
  }

  @Test
  void bodyThatCapturesThisOfAReloadedClassRunsOnTheReinstancedObject() {
    Object widget = Reflect.newInstance(runtime.loader("app"), "demo.app.Widget");
    assertThat(call(widget.getClass(), widget, "render")).isEqualTo("app0:widget");

    assertThat(runtime.apply(1, newLoaders(demo.app(1))).ok()).isTrue();

    assertThat(call(widget.getClass(), widget, "render")).isEqualTo("app1:widget");
  }

  @Test
  void bodyWhoseImplementationMethodChangedSignatureFailsWithAdvice() {
    Class<?> oldApp = app();
    call(oldApp, null, "greet");
    String capturesMore =
        """
        package demo.app;
        import dev.hotpatch.Hot;
        public final class App {
          public static String greet() {
            String prefix = String.valueOf("changed:");
            return Hot.call(() -> prefix + demo.lib.Describer.describe());
          }
        }
        """;

    assertThat(runtime.apply(1, newLoaders(demo.app(1, capturesMore))).ok()).isTrue();

    assertThatThrownBy(() -> call(oldApp, null, "greet"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Hot.call body demo.app.App.lambda$greet$")
        .hasMessageContaining("module app@v1 has no method lambda$greet$")
        .hasMessageContaining("restart the application");
    assertThat(call(app(), null, "greet")).isEqualTo("changed:lib0(core0)");
  }

  @Test
  void callsRacingWithPatchesRunOneWholeVersionAndNeverFail() throws Exception {
    Class<?> oldApp = app();
    List<ModuleVersion> patch1 = List.of(demo.app(1));
    List<ModuleVersion> patch2 = List.of(demo.app(2));
    Set<Object> seen = ConcurrentHashMap.newKeySet();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread caller =
          new Thread(
              () -> {
                try {
                  while (running.get()) {
                    seen.add(call(oldApp, null, "greet"));
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      caller.start();
      callers.add(caller);
    }

    Thread.sleep(50);
    assertThat(runtime.apply(1, newLoaders(patch1)).ok()).isTrue();
    Thread.sleep(50);
    assertThat(runtime.apply(2, newLoaders(patch2)).ok()).isTrue();
    Thread.sleep(50);
    running.set(false);
    for (Thread caller : callers) {
      caller.join();
    }

    assertThat(failure.get()).isNull();
    assertThat(seen)
        .isSubsetOf("app0:lib0(core0)", "app1:lib0(core0)", "app2:lib0(core0)")
        .contains("app2:lib0(core0)");
  }

  @Test
  void lambdaOutsideTheModulesRunsDirectly() {
    String outside = "test";
    assertThat(Hot.call(() -> outside + " code")).isEqualTo("test code");
  }

  @Test
  void facadeIsTheMainModulesServiceImplementationAndFollowsPatches() {
    Class<?> greeter = load(runtime.loader("core"), "demo.core.Greeter");
    Object first = Hot.facade(greeter);
    assertThat(call(greeter, first, "greet", "Ada")).isEqualTo("app0 greets Ada");
    assertThat(Hot.facade(greeter)).isSameAs(first);

    assertThat(runtime.apply(1, newLoaders(demo.app(1))).ok()).isTrue();

    assertThat(call(greeter, Hot.facade(greeter), "greet", "Ada")).isEqualTo("app1 greets Ada");
  }

  @Test
  void oldLoadersBecomeUnreachableOnceNothingHoldsThem() {
    call(app(), null, "greet");
    call(app(), null, "count");
    call(app(), null, "remember", "kept");
    call(app(), null, "byReference");
    List<WeakReference<ClassLoader>> old =
        List.of(
            new WeakReference<>(runtime.loader("core")),
            new WeakReference<>(runtime.loader("lib")),
            new WeakReference<>(runtime.loader("app")));

    assertThat(runtime.apply(1, newLoaders(cascade(1))).ok()).isTrue();
    assertThat(call(app(), null, "greet")).isEqualTo("app1:lib1(core1)");
    assertThat(call(app(), null, "remember", "new")).isEqualTo("kept,new");

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              System.gc();
              return old.stream().allMatch(loader -> loader.get() == null);
            });
  }

  private HotRuntime start(List<ModuleVersion> modules) {
    return HotRuntime.create(getClass().getClassLoader(), modules, StableClasses.of(modules));
  }
}
