package dev.hotpatch.runtime.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.StableClasses;
import dev.hotpatch.runtime.TestWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StableLoaderTest {
  @TempDir Path folder;

  private ModuleVersion core() {
    return new TestWorkspace(folder)
        .module(
            "core",
            0,
            List.of(),
            Map.of(
                "demo.core.Level",
                "package demo.core; public enum Level { LOW, HIGH }",
                "demo.core.Unrelated",
                "package demo.core; public final class Unrelated {}"));
  }

  private List<ModuleVersion> application() {
    TestWorkspace workspace = new TestWorkspace(folder);
    ModuleVersion core =
        workspace.module(
            "core",
            0,
            List.of(),
            Map.of(
                "demo.core.Level",
                "package demo.core; public enum Level { LOW, HIGH }",
                "demo.core.Unrelated",
                "package demo.core; public final class Unrelated {}"));
    ModuleVersion lib =
        workspace.module(
            "lib",
            0,
            List.of("core"),
            Map.of(
                "demo.lib.Counter",
                """
                package demo.lib;
                @dev.hotpatch.HotFacade
                public interface Counter {
                  Reading next(String who);
                  Shelf shelf();
                }
                """,
                "demo.lib.Reading",
                """
                package demo.lib;
                @dev.hotpatch.HotValue
                public record Reading(String text, java.util.List<demo.core.Level> levels) {}
                """,
                "demo.lib.Shelf",
                "package demo.lib; @dev.hotpatch.HotFacade public interface Shelf { String label(); }",
                "demo.lib.Tag",
                "package demo.lib; @dev.hotpatch.HotValue public enum Tag { NEW, OLD }",
                "demo.lib.CountingImpl",
                """
                package demo.lib;
                public final class CountingImpl implements Counter {
                  public Reading next(String who) { return new Reading(who, java.util.List.of()); }
                  public Shelf shelf() { return () -> "shelf"; }
                }
                """,
                "demo.lib.NotAFacade",
                "package demo.lib; public interface NotAFacade { Helper helper(); }",
                "demo.lib.Helper",
                "package demo.lib; public final class Helper {}"));
    return List.of(core, lib);
  }

  @Test
  void holdsFacadesValuesAndTheWorkspaceTypesTheyNameButNoImplementation() {
    StableLoader stable = stableLoader(application());

    assertThat(stable.classNames())
        .containsExactlyInAnyOrder(
            "demo.lib.Counter",
            "demo.lib.Reading",
            "demo.lib.Shelf",
            "demo.lib.Tag",
            "demo.core.Level");
  }

  @Test
  void definesItsClassesItselfAndLeavesTheRestToItsParent() throws Exception {
    StableLoader stable = stableLoader(application());

    Class<?> counter = stable.loadClass("demo.lib.Counter");
    Class<?> reading = stable.loadClass("demo.lib.Reading");

    assertThat(counter.getClassLoader()).isSameAs(stable);
    assertThat(reading.getRecordComponents()[1].getType()).isEqualTo(List.class);
    assertThat(stable.loadClass("dev.hotpatch.HotFacade").getClassLoader())
        .isSameAs(getClass().getClassLoader());
    assertThatThrownBy(() -> stable.loadClass("demo.lib.CountingImpl"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void holdsTheAnnotationTypesOfStableDeclarationsAsModuleDiffDoes() {
    ModuleVersion lib =
        new TestWorkspace(folder)
            .module(
                "lib",
                0,
                List.of(),
                Map.of(
                    "demo.lib.Note",
                    "package demo.lib; @dev.hotpatch.HotValue public record Note(@Label String text) {}",
                    "demo.lib.Label",
                    """
                    package demo.lib;
                    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                    public @interface Label {}
                    """));

    StableLoader stable = stableLoader(List.of(lib));

    assertThat(stable.classNames()).containsExactlyInAnyOrder("demo.lib.Note", "demo.lib.Label");
  }

  @Test
  void codeOfAStableClassThatUsesAReloadableClassFailsNamingClassAndModule() throws Exception {
    ModuleVersion lib =
        new TestWorkspace(folder)
            .module(
                "lib",
                0,
                List.of(),
                Map.of(
                    "demo.lib.Price",
                    """
                    package demo.lib;
                    @dev.hotpatch.HotValue
                    public record Price(long cents) {
                      public String text() { return Format.cents(cents); }
                    }
                    """,
                    "demo.lib.Format",
                    """
                    package demo.lib;
                    public final class Format {
                      public static String cents(long cents) { return cents / 100 + " EUR"; }
                    }
                    """));
    StableLoader stable = stableLoader(List.of(lib));
    Class<?> price = stable.loadClass("demo.lib.Price");
    Object value = price.getConstructor(long.class).newInstance(250L);

    Throwable thrown = catchThrowable(() -> price.getMethod("text").invoke(value));

    assertThat(thrown.getCause()).isInstanceOf(NoClassDefFoundError.class);
    assertThat(thrown.getCause().getCause())
        .hasMessageStartingWith(
            "Code of the stable layer uses demo.lib.Format, a class of module lib that reloads");
  }

  @Test
  void isEmptyWhenNoModuleDeclaresAFacadeOrValue() {
    StableLoader stable = stableLoader(List.of(core()));

    assertThat(stable.classNames()).isEmpty();
  }

  private StableLoader stableLoader(List<ModuleVersion> modules) {
    return StableLoader.of(getClass().getClassLoader(), modules, StableClasses.of(modules));
  }
}
