package dev.hotpatch.runtime.facade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.runtime.TestWorkspace;
import dev.hotpatch.runtime.loader.Generation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SwitchPoint;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceMethodSiteTest {
  @TempDir Path folder;
  private final List<URLClassLoader> loaders = new ArrayList<>();
  private Generation generation = new Generation(0, Map.of(), new SwitchPoint());
  private InstanceMethodSite site;

  @BeforeEach
  void compileAndLink() throws Exception {
    TestWorkspace.compile(
        folder,
        List.of(),
        Map.of(
            "demo.Named",
            """
            package demo;
            public final class Named implements java.util.function.Supplier<String> {
              public String get() { return "named"; }
            }
            """));
    MethodHandle generic =
        MethodHandles.publicLookup()
            .findVirtual(Supplier.class, "get", MethodType.methodType(Object.class))
            .asType(MethodType.methodType(Object.class, Object.class));
    site = new InstanceMethodSite("get", generic, null, () -> generation);
  }

  @AfterEach
  void closeLoaders() throws Exception {
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  @Test
  void siteCallsTheExactClassAfterMorePatchesThanItsRelinkBudget() throws Throwable {
    for (int version = 1; version <= InstanceMethodSite.MAX_RELINKS + 4; version++) {
      patch(version);
      Object target = newVersionOfNamed();

      assertThat(call(target)).isEqualTo("named");
      assertThat(site.linkedClass()).isSameAs(target.getClass());
    }
  }

  @Test
  void siteSeeingManyClassesInOnePatchCallsTheInterfaceUntilTheNextPatch() throws Throwable {
    Object one = newVersionOfNamed();
    Object other = newVersionOfNamed();
    for (int i = 0; i < InstanceMethodSite.MAX_RELINKS; i++) {
      call(one);
      call(other);
    }
    assertThat(site.linkedClass()).isNull();
    assertThat(call(one)).isEqualTo("named");

    patch(1);

    assertThat(call(other)).isEqualTo("named");
    assertThat(site.linkedClass()).isSameAs(other.getClass());
  }

  /** What a patch does to the sites: a new version, and the old generation's switch point off. */
  private void patch(long version) {
    SwitchPoint old = generation.calls();
    generation = new Generation(version, Map.of(), new SwitchPoint());
    SwitchPoint.invalidateAll(new SwitchPoint[] {old});
  }

  /** An object of {@code demo.Named} as a new module loader would define it. */
  private Object newVersionOfNamed() throws Exception {
    URLClassLoader loader =
        new URLClassLoader(new URL[] {folder.toUri().toURL()}, getClass().getClassLoader());
    loaders.add(loader);
    return loader.loadClass("demo.Named").getConstructor().newInstance();
  }

  private Object call(Object target) throws Throwable {
    return site.dynamicInvoker().invoke(target);
  }
}
