package dev.hotpatch.runtime.loader;

import static dev.hotpatch.runtime.Reflect.callStatic;
import static dev.hotpatch.runtime.Reflect.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.Reflect;
import dev.hotpatch.runtime.StableClasses;
import dev.hotpatch.runtime.TestWorkspace;
import dev.hotpatch.runtime.patch.HotRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

class ModuleClassLoaderTest {
  @TempDir Path folder;
  private TestWorkspace workspace;
  private HotRuntime runtime;
  private ModuleVersion coreSpec;
  private ModuleClassLoader core;
  private ModuleClassLoader lib;

  @BeforeEach
  void buildLoaders() {
    workspace = new TestWorkspace(folder);
    coreSpec =
        workspace.module(
            "core",
            0,
            List.of(),
            Map.of(
                "demo.shared.Which",
                """
                package demo.shared;
                public final class Which { public static String module() { return "core"; } }
                """,
                "demo.core.State",
                """
                package demo.core;
                public final class State {
                  public static final java.util.List<String> ITEMS = new java.util.ArrayList<>();
                  public static final int LIMIT = 3;
                  public static final String NAME = "state";
                  static int counter;
                }
                """,
                "demo.core.Plain",
                """
                package demo.core;
                public final class Plain { public static int twice(int x) { return 2 * x; } }
                """,
                // Its initializer starts with a loop: a stack map frame at the very first
                // instruction, which the init-log report is inserted before.
                "demo.core.Looping",
                """
                package demo.core;
                public final class Looping {
                  static int rounds;
                  static { for (;;) { if (++rounds >= 3) { break; } } }
                  public static int rounds() { return rounds; }
                }
                """,
                "demo.core.Calls",
                """
                package demo.core;
                import dev.hotpatch.Hot;
                public final class Calls {
                  static int count;
                  static { Hot.call(() -> { count++; }); }
                  public static int twice() { return Hot.call(() -> 2 * count) + Hot.call(() -> 0); }
                }
                """,
                "demo.core.Shape",
                """
package demo.core;
public interface Shape { java.util.List<String> KINDS = new java.util.ArrayList<>(); }
"""),
            Map.of("config.txt", "core", "core-only.txt", "core"));
    ModuleVersion libSpec =
        workspace.module(
            "lib",
            3,
            List.of("core"),
            Map.of(
                "demo.shared.Which",
                """
                package demo.shared;
                public final class Which { public static String module() { return "lib"; } }
                """,
                "demo.lib.Only",
                """
                package demo.lib;
                public final class Only {
                  public static String which() {
                    return demo.shared.Which.module() + "/" + demo.core.Plain.twice(2);
                  }
                }
                """),
            Map.of("config.txt", "lib"));
    List<ModuleVersion> modules = List.of(coreSpec, libSpec);
    runtime = HotRuntime.create(getClass().getClassLoader(), modules, StableClasses.of(modules));
    core = (ModuleClassLoader) runtime.loader("core");
    lib = (ModuleClassLoader) runtime.loader("lib");
  }

  @Test
  void loaderNamesItsModuleAndVersion() {
    assertThat(lib).hasToString("module lib@v3");
    assertThat(lib.getName()).isEqualTo("lib@v3");
  }

  @Test
  void missingClassNamesTheModuleAndVersionThatLookedForIt() {
    assertThatThrownBy(() -> lib.loadClass("demo.Missing"))
        .isInstanceOf(ClassNotFoundException.class)
        .hasMessage(
            "demo.Missing not found by module lib@v3 (searched its classes, modules core@v0 and"
                + " the libraries)");
  }

  @Test
  void ownClassComesBeforeTheSameClassOfADependency() {
    assertThat(callStatic(lib, "demo.shared.Which", "module")).isEqualTo("lib");
    assertThat(callStatic(core, "demo.shared.Which", "module")).isEqualTo("core");
    assertThat(callStatic(lib, "demo.lib.Only", "which")).isEqualTo("lib/4");
    assertThat(load(lib, "demo.core.Plain").getClassLoader()).isSameAs(core);
  }

  @Test
  void dependencyDoesNotSeeTheClassesOfModulesThatUseIt() {
    assertThatThrownBy(() -> core.loadClass("demo.lib.Only"))
        .isInstanceOf(ClassNotFoundException.class)
        .hasMessageContaining("module core@v0");
  }

  @Test
  void resourceComesFromTheModulesOwnFolderFirst() throws IOException {
    assertThat(read(lib.getResource("config.txt"))).isEqualTo("lib");
    assertThat(read(core.getResource("config.txt"))).isEqualTo("core");
    assertThat(read(lib.getResource("core-only.txt"))).isEqualTo("core");
    try (InputStream stream = lib.getResourceAsStream("config.txt")) {
      assertThat(new String(stream.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("lib");
    }
    List<String> all = new ArrayList<>();
    for (URL url : Collections.list(lib.getResources("config.txt"))) {
      all.add(read(url));
    }
    assertThat(all).containsExactly("lib", "core");
  }

  @Test
  void missingResourceIsNotFoundAndDependencyResourcesStayInvisibleDownward() throws IOException {
    assertThat(lib.getResource("nothing.txt")).isNull();
    assertThat(Collections.list(core.getResources("nothing.txt"))).isEmpty();
    assertThat(core.getResource("demo/lib/Only.class")).isNull();
    assertThat(lib.getResource("demo/lib/Only.class")).isNotNull();
  }

  @Test
  void folderIsAResourceWithOrWithoutTrailingSlash() {
    assertThat(core.getResource("demo/core")).isNotNull();
    assertThat(core.getResource("demo/core/")).isEqualTo(core.getResource("demo/core"));
  }

  @Test
  void classesHaveTheirClassFolderAsCodeSource() throws Exception {
    URL location =
        load(core, "demo.core.Plain").getProtectionDomain().getCodeSource().getLocation();
    assertThat(Path.of(location.toURI())).isEqualTo(coreSpec.classes().get(0).toAbsolutePath());
  }

  @Test
  void staticFinalFieldsLoseFinalButConstantsKeepIt() throws Exception {
    Class<?> state = load(core, "demo.core.State");
    assertThat(Modifier.isFinal(state.getField("ITEMS").getModifiers())).isFalse();
    assertThat(Modifier.isFinal(state.getField("LIMIT").getModifiers())).isTrue();
    assertThat(Modifier.isFinal(state.getField("NAME").getModifiers())).isTrue();
    assertThat(state.getField("LIMIT").getInt(null)).isEqualTo(3);
    Class<?> shape = load(core, "demo.core.Shape");
    assertThat(Modifier.isFinal(shape.getField("KINDS").getModifiers())).isTrue();
  }

  @Test
  void initializedClassesAreOnlyThoseWhoseInitializerRan() throws Exception {
    Class<?> plain = load(core, "demo.core.Plain");
    Class<?> state = load(core, "demo.core.State");
    assertThat(core.initializedClasses()).isEmpty();

    Class.forName("demo.core.State", true, core);
    assertThat(callStatic(core, "demo.core.Looping", "rounds")).isEqualTo(3);

    assertThat(core.initializedClasses()).containsExactly(state, load(core, "demo.core.Looping"));
    assertThat(core.definedClasses()).contains(plain, state);
    assertThat(core.definedClasses())
        .noneMatch(type -> type.getName().equals(DevModeTransformer.INIT_HOOKS_CLASS));
  }

  @Test
  void rewrittenClassesPassTheBytecodeVerifier() throws IOException {
    List<Path> classFiles;
    try (Stream<Path> files = Files.walk(coreSpec.classes().get(0))) {
      classFiles = files.filter(file -> file.toString().endsWith(".class")).toList();
    }
    assertThat(classFiles).hasSizeGreaterThanOrEqualTo(5);
    for (Path file : classFiles) {
      byte[] rewritten = DevModeTransformer.transform(Files.readAllBytes(file)).bytes();
      StringWriter problems = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(rewritten), core, false, new PrintWriter(problems));
      assertThat(problems.toString()).as(file.toString()).isEmpty();
    }
    byte[] initLog = DevModeTransformer.initHooksClass();
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(initLog), core, false, new PrintWriter(problems));
    assertThat(problems.toString()).isEmpty();
  }

  @Test
  void resourcesComeFromTheNewestVersionOfEachModuleWhoeverAsks() throws IOException {
    ModuleVersion core1 =
        workspace.module(
            "core",
            1,
            List.of(),
            Map.of("demo.core.Plain", "package demo.core; public final class Plain {}"),
            Map.of("config.txt", "core v1", "core-only.txt", "core v1"));

    assertThat(runtime.apply(1, List.of(ModulePatch.newLoader(core1))).ok()).isTrue();

    assertThat(read(core.getResource("config.txt"))).isEqualTo("core v1");
    assertThat(read(lib.getResource("core-only.txt"))).isEqualTo("core v1");
    List<String> all = new ArrayList<>();
    for (URL url : Collections.list(lib.getResources("config.txt"))) {
      all.add(read(url));
    }
    assertThat(all).containsExactly("lib", "core v1");
  }

  @Test
  void serviceLoaderFindsTheImplementationsTheNewestServiceFilesName() {
    String plugin = "package demo.core; public interface Plugin { String name(); }";
    ModuleVersion core1 =
        workspace.module(
            "core",
            1,
            List.of(),
            Map.of(
                "demo.core.Plugin",
                plugin,
                "demo.core.Second",
                "package demo.core; public final class Second implements Plugin {"
                    + " public String name() { return \"second\"; } }"),
            Map.of("META-INF/services/demo.core.Plugin", "demo.core.Second\n"));

    assertThat(runtime.apply(1, List.of(ModulePatch.newLoader(core1))).ok()).isTrue();

    Class<?> type = load(runtime.loader("core"), "demo.core.Plugin");
    List<Object> names = new ArrayList<>();
    for (Object found : ServiceLoader.load(type, lib)) {
      names.add(Reflect.call(type, found, "name"));
    }
    assertThat(names).containsExactly("second");
  }

  @Test
  void hotCallBecomesAnInvokedynamicOfTheApiBootstrap() throws IOException {
    byte[] original =
        Files.readAllBytes(coreSpec.classes().get(0).resolve("demo/core/Calls.class"));

    DevModeTransformer.Transformed rewritten = DevModeTransformer.transform(original);

    List<String> calls = new ArrayList<>();
    ClassNode node = new ClassNode();
    new ClassReader(rewritten.bytes()).accept(node, 0);
    for (MethodNode method : node.methods) {
      for (AbstractInsnNode instruction : method.instructions) {
        if (instruction instanceof MethodInsnNode call && call.owner.equals("dev/hotpatch/Hot")) {
          calls.add("static " + call.name);
        }
        if (instruction instanceof InvokeDynamicInsnNode dynamic
            && dynamic.bsm.getOwner().equals("dev/hotpatch/internal/HotCallSites")) {
          calls.add(method.name + " " + dynamic.desc);
        }
      }
    }
    assertThat(calls)
        .containsExactlyInAnyOrder(
            "$hotpatch$clinit (Ldev/hotpatch/HotRunnable;)V",
            "twice (Ldev/hotpatch/HotSupplier;)Ljava/lang/Object;",
            "twice (Ldev/hotpatch/HotSupplier;)Ljava/lang/Object;");
    assertThat(rewritten.hotCallSites()).hasSize(3).allMatch(site -> site.contains("@"));
    assertThat(callStatic(core, "demo.core.Calls", "twice")).isEqualTo(2);
  }

  private static String read(URL url) throws IOException {
    try (InputStream stream = url.openStream()) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
