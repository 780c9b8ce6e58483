package dev.hotpatch.serve.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library module of a few classes and an application module using it, built once the way Maven
 * would; each test edits them and checks what the compiler recompiles and that every version folder
 * is complete.
 */
class IncrementalCompilationTest {
  @TempDir Path dir;
  private Workspaces workspace;
  private WorkspaceModule lib;
  private WorkspaceModule app;
  private ModuleCompiler compiler;

  @BeforeEach
  void mavenBuiltTheWorkspace() throws Exception {
    workspace = new Workspaces(dir);
    workspace.write(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter {" + " public static String hi() { return \"hi\"; } }");
    workspace.write(
        "lib",
        "lib.Polite",
        "package lib; public class Polite { public String say() { return Greeter.hi() + \"!\"; } }");
    workspace.write(
        "lib",
        "lib.Config",
        "package lib; public class Config { public static final String NAME = \"old\"; }");
    workspace.write(
        "lib", "lib.Base", "package lib; public class Base { public int m() { return 1; } }");
    workspace.write("lib", "lib.Derived", "package lib; public class Derived extends Base {}");
    workspace.write("lib", "lib.Alone", "package lib; public class Alone {}");
    workspace.write(
        "app", "app.Main", "package app; public class Main { Object s = lib.Greeter.hi(); }");
    workspace.write(
        "app",
        "app.Label",
        "package app; public class Label { static final String TEXT = \"name: \" + lib.Config.NAME; }");
    workspace.write(
        "app",
        "app.Caller",
        "package app; public class Caller { long n = new lib.Derived().m(); }");
    workspace.write("app", "app.Quiet", "package app; public class Quiet {}");
    lib = workspace.module("lib", List.of());
    app = workspace.module("app", List.of("lib"));
    workspace.mavenBuild(lib, List.of());
    workspace.mavenBuild(app, List.of(lib.outputDirectory()));
    compiler = ModuleCompiler.systemCompiler();
  }

  private CompileResult buildLib(int version) throws Exception {
    return compiler.compile(lib, List.of(), workspace.output("lib", version));
  }

  private CompileResult buildApp(int version, int libVersion) throws Exception {
    Path libClasses = libVersion == 0 ? lib.outputDirectory() : workspace.output("lib", libVersion);
    return compiler.compile(app, List.of(libClasses), workspace.output("app", version));
  }

  private List<Path> sources(String module, String... classes) {
    return java.util.Arrays.stream(classes).map(c -> workspace.source(module, c)).toList();
  }

  @Test
  void aBodyChangeRecompilesThatFileAloneAndCopiesTheRest() throws Exception {
    workspace.edit(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static String hi() { return \"yo\"; } }");
    CompileResult result = buildLib(1);
    assertThat(result.mode()).isEqualTo(CompileResult.Mode.INCREMENTAL);
    assertThat(result.compiled()).containsExactlyElementsOf(sources("lib", "lib.Greeter"));
    Path out = workspace.output("lib", 1);
    for (String name : List.of("Greeter", "Polite", "Config", "Base", "Derived", "Alone")) {
      assertThat(out.resolve("lib/" + name + ".class")).isRegularFile();
    }
    assertThat(text(out.resolve("lib/Greeter.class"))).contains("yo");

    CompileResult dependent = buildApp(1, 1);
    assertThat(dependent.mode()).isEqualTo(CompileResult.Mode.COPIED);
    assertThat(workspace.output("app", 1).resolve("app/Main.class")).isRegularFile();
  }

  @Test
  void aSignatureChangeRecompilesTheFilesThatUseIt() throws Exception {
    workspace.edit(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static CharSequence hi() { return \"hi\"; } }");
    CompileResult result = buildLib(1);
    assertThat(result.compiled())
        .containsExactlyInAnyOrderElementsOf(sources("lib", "lib.Greeter", "lib.Polite"));
    assertThat(result.rounds()).isEqualTo(2);

    CompileResult dependent = buildApp(1, 1);
    assertThat(dependent.mode()).isEqualTo(CompileResult.Mode.INCREMENTAL);
    assertThat(dependent.compiled()).containsExactlyElementsOf(sources("app", "app.Main"));
  }

  @Test
  void aChangeInheritedThroughASubclassReachesItsCallers() throws Exception {
    workspace.edit(
        "lib", "lib.Base", "package lib; public class Base { public long m() { return 1; } }");
    assertThat(buildLib(1).compiled())
        .containsExactlyInAnyOrderElementsOf(sources("lib", "lib.Base", "lib.Derived"));
    // Caller's bytecode names Derived.m(), not Base: only the hierarchy tells it is affected.
    assertThat(buildApp(1, 1).compiled()).containsExactlyElementsOf(sources("app", "app.Caller"));
  }

  @Test
  void aConstantChangeRecompilesTheFilesThatInlinedIt() throws Exception {
    workspace.edit(
        "lib",
        "lib.Config",
        "package lib; public class Config { public static final String NAME = \"new\"; }");
    assertThat(buildLib(1).compiled()).containsExactlyElementsOf(sources("lib", "lib.Config"));
    CompileResult dependent = buildApp(1, 1);
    assertThat(dependent.compiled()).containsExactlyElementsOf(sources("app", "app.Label"));
    assertThat(text(workspace.output("app", 1).resolve("app/Label.class"))).contains("name: new");
  }

  @Test
  void aDeletedFileCompilesTheWholeModule() throws Exception {
    Files.delete(workspace.source("lib", "lib.Alone"));
    CompileResult result = buildLib(1);
    assertThat(result.mode()).isEqualTo(CompileResult.Mode.FULL);
    assertThat(result.reason()).isEqualTo("Alone.java was deleted");
    assertThat(workspace.output("lib", 1).resolve("lib/Alone.class")).doesNotExist();
    assertThat(workspace.output("lib", 1).resolve("lib/Greeter.class")).isRegularFile();
  }

  @Test
  void aNewFileIsCompiledWithTheFilesThatMayNowMeanIt() throws Exception {
    workspace.edit("app", "app.Config", "package app; class Config {}");
    workspace.edit(
        "app",
        "app.Quiet",
        "package app; import lib.*; public class Quiet { String n = \"Config\"; }");
    CompileResult result = buildApp(1, 0);
    // Label spells Config (as lib.Config): a new app.Config could change what such a name means.
    assertThat(result.compiled())
        .containsExactlyInAnyOrderElementsOf(
            sources("app", "app.Config", "app.Quiet", "app.Label"));
    assertThat(result.mode()).isEqualTo(CompileResult.Mode.INCREMENTAL);
  }

  @Test
  void successiveBuildsStartFromTheLastOne() throws Exception {
    workspace.edit(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static String hi() { return \"one\"; } }");
    buildLib(1);
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int x; }");
    CompileResult second = buildLib(2);
    assertThat(second.compiled()).containsExactlyElementsOf(sources("lib", "lib.Alone"));
    assertThat(text(workspace.output("lib", 2).resolve("lib/Greeter.class"))).contains("one");
  }

  @Test
  void aFailedBuildKeepsItsChangesForTheNextOne() throws Exception {
    workspace.edit(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static String hi() { return 1; } }");
    try {
      buildLib(1);
    } catch (CompilationFailedException expected) {
      // The fix comes next.
    }
    workspace.edit(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static String hi() { return \"ok\"; } }");
    assertThat(buildLib(2).compiled()).containsExactlyElementsOf(sources("lib", "lib.Greeter"));
    assertThat(text(workspace.output("lib", 2).resolve("lib/Greeter.class"))).contains("ok");
  }

  private static String text(Path classFile) throws Exception {
    return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
  }
}
