package dev.hotpatch.serve.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCompilerTest {
  @TempDir Path dir;

  @Test
  void compilesEverySourceOfAModuleItHasNoBuildOf() throws Exception {
    Workspaces workspace = new Workspaces(dir);
    workspace.write(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static String hi() { return \"hi\"; } }");
    WorkspaceModule lib = workspace.module("lib", List.of());
    Path out = workspace.output("lib", 1);
    CompileResult result = workspace.compiler().compile(lib, List.of(), List.of(), out);
    assertThat(result.compiled()).containsExactly(workspace.source("lib", "lib.Greeter"));
    assertThat(result.classes().classNames()).containsExactly("lib/Greeter");
    assertThat(out.resolve("lib/Greeter.class")).isRegularFile();
  }

  @Test
  void compilesAgainstTheClasspathItIsGiven() throws Exception {
    Workspaces workspace = new Workspaces(dir);
    workspace.write(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static String hi() { return \"hi\"; } }");
    workspace.write("app", "app.Main", "package app; class Main { String s = lib.Greeter.hi(); }");
    ModuleCompiler compiler = workspace.compiler();
    Path libOut = workspace.output("lib", 1);
    CompileResult lib =
        compiler.compile(workspace.module("lib", List.of()), List.of(), List.of(), libOut);
    Path appOut = workspace.output("app", 1);
    compiler.compile(
        workspace.module("app", List.of("lib")),
        List.of(new UpstreamBuild("lib", lib.classes(), List.of(libOut))),
        List.of(),
        appOut);
    assertThat(appOut.resolve("app/Main.class")).isRegularFile();
  }

  @Test
  void aWarmUpCompileStopsForAWaitingPatchAndTheNextCompileIsWhole() throws Exception {
    Workspaces workspace = new Workspaces(dir);
    workspace.write(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static String hi() { return \"hi\"; } }");
    WorkspaceModule lib = workspace.module("lib", List.of());
    ModuleCompiler compiler = workspace.compiler();
    Path scratch = dir.resolve("warm-up");
    AtomicInteger asked = new AtomicInteger();

    boolean done =
        compiler.warmUp(lib, List.of(), List.of(), scratch, 1, () -> asked.incrementAndGet() > 1);

    assertThat(done).isFalse();
    assertThat(scratch.resolve("lib/Greeter.class")).doesNotExist();
    Path out = workspace.output("lib", 1);
    CompileResult result = compiler.compile(lib, List.of(), List.of(), out);
    assertThat(result.classes().classNames()).containsExactly("lib/Greeter");
    assertThat(out.resolve("lib/Greeter.class")).isRegularFile();
    assertThat(compiler.warmUp(lib, List.of(), List.of(), scratch, 1, () -> false)).isTrue();
    assertThat(scratch.resolve("lib/Greeter.class")).isRegularFile();
  }

  @Test
  void primingCompilesASourceOfItsOwnAndNothingOfTheModule() throws Exception {
    Workspaces workspace = new Workspaces(dir);
    workspace.write("app", "app.Main", "package app;\nclass Main {\n  int x = missing();\n}\n");
    WorkspaceModule app = workspace.module("app", List.of());
    ModuleCompiler compiler = workspace.compiler();
    Path scratch = dir.resolve("primer");

    compiler.prime(app, scratch);

    assertThat(scratch.resolve("Primer.class")).isRegularFile();
    assertThat(app.outputDirectory()).doesNotExist();
    assertThatThrownBy(() -> compiler.compile(app, List.of(), List.of(), dir.resolve("o")))
        .isInstanceOf(CompilationFailedException.class);
  }

  @Test
  void errorsNameFileLineAndColumn() throws Exception {
    Workspaces workspace = new Workspaces(dir);
    workspace.write("app", "app.Main", "package app;\nclass Main {\n  int x = missing();\n}\n");
    WorkspaceModule app = workspace.module("app", List.of());
    assertThatThrownBy(
            () -> workspace.compiler().compile(app, List.of(), List.of(), dir.resolve("o")))
        .isInstanceOfSatisfying(
            CompilationFailedException.class,
            e -> {
              assertThat(e.module()).isEqualTo("app");
              assertThat(e.diagnostics()).hasSize(1);
              CompilerDiagnostic d = e.diagnostics().get(0);
              assertThat(d.file()).endsWith("Main.java");
              assertThat(d.line()).isEqualTo(3);
              assertThat(d.column()).isEqualTo(11);
              assertThat(d.render()).contains("Main.java:3:11: error: cannot find symbol");
              assertThat(e.getMessage()).startsWith("Compilation failed in module app:");
            });
  }

  @Test
  void anEditToTheFileASymlinkedSourcePointsToIsCompiled() throws Exception {
    Workspaces workspace = new Workspaces(dir);
    Path shared = dir.resolve("shared/Greeter.java");
    Files.createDirectories(shared.getParent());
    Files.writeString(shared, "package lib; public class Greeter { int hi() { return 1; } }");
    Files.setLastModifiedTime(shared, FileTime.from(Instant.now().minusSeconds(60)));
    Path link = workspace.source("lib", "lib.Greeter");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, shared);
    WorkspaceModule lib = workspace.module("lib", List.of());
    ModuleCompiler compiler = workspace.compiler();
    compiler.compile(lib, List.of(), List.of(), workspace.output("lib", 1));

    Files.writeString(shared, "package lib; public class Greeter { int hi() { return 22; } }");
    CompileResult result = compiler.compile(lib, List.of(), List.of(), workspace.output("lib", 2));

    assertThat(result.compiled()).containsExactly(link);
  }

  @Test
  void aModuleWithoutSourcesCompilesToNothingWithoutError() throws Exception {
    Workspaces workspace = new Workspaces(dir);
    WorkspaceModule empty = workspace.module("empty", List.of());
    CompileResult result =
        workspace.compiler().compile(empty, List.of(), List.of(), workspace.output("empty", 1));
    assertThat(result.compiled()).isEmpty();
  }

  @Test
  void aModuleToCompileWholeIsCompiledWholeWithTheSettingsItHasThen() throws Exception {
    Workspaces workspace = new Workspaces(dir);
    workspace.write(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static String hi(String name) { return name; } }");
    workspace.write("lib", "lib.Other", "package lib; class Other {}");
    WorkspaceModule lib = workspace.module("lib", List.of());
    workspace.mavenBuild(lib, List.of());
    ModuleCompiler compiler = workspace.compiler();
    WorkspaceModule withParameters =
        new WorkspaceModule(
            lib.name(),
            lib.basedir(),
            lib.sourceRoots(),
            lib.outputDirectory(),
            lib.buildDirectory(),
            lib.dependencies(),
            lib.compileClasspath(),
            lib.runtimeClasspath(),
            new dev.hotpatch.serve.workspace.CompilerSettings(
                "17", null, null, "UTF-8", true, null, true, false, false, true, false, null,
                List.of(), List.of(), List.of(), null));

    compiler.compileWhole("lib", "its compiler settings changed");
    CompileResult result =
        compiler.compile(withParameters, List.of(), List.of(), workspace.output("lib", 1));

    assertThat(result.mode()).isEqualTo(CompileResult.Mode.FULL);
    assertThat(result.compiled()).hasSize(2);
    byte[] greeter = result.classes().bytes("lib/Greeter").orElseThrow();
    assertThat(new String(greeter, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("MethodParameters");
  }

  @Test
  void aClassFileJavacCannotWriteIsAnInputOutputFailureNotACompileError() throws Exception {
    Workspaces workspace = new Workspaces(dir);
    workspace.write("lib", "lib.Greeter", "package lib; public class Greeter {}");
    WorkspaceModule lib = workspace.module("lib", List.of());
    Path out = workspace.output("lib", 1);
    // Where javac would make the folder lib for lib/Greeter.class stands a file: the write fails.
    java.nio.file.Files.createDirectories(out);
    java.nio.file.Files.writeString(out.resolve("lib"), "");

    assertThatThrownBy(() -> workspace.compiler().compile(lib, List.of(), List.of(), out))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("Cannot compile module lib")
        .cause()
        .hasMessageContaining("lib.Greeter");
  }
}
