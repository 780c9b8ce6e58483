package dev.hotpatch.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.maven.workspace.CompilerSettings;
import dev.hotpatch.maven.workspace.WorkspaceModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCompilerTest {
  @TempDir Path dir;

  private WorkspaceModule module(String name, String pkg, String className, String source)
      throws Exception {
    Path root = dir.resolve(name).resolve("src/main/java");
    Path file = root.resolve(pkg).resolve(className + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    return new WorkspaceModule(
        name,
        dir.resolve(name),
        List.of(root),
        dir.resolve(name).resolve("target/classes"),
        List.of(),
        List.of(),
        List.of(),
        new CompilerSettings("17", null, null, "UTF-8", false, true, List.of()));
  }

  @Test
  void compilesEverySourceOfTheModuleIntoTheGivenFolder() throws Exception {
    WorkspaceModule lib =
        module(
            "lib",
            "lib",
            "Greeter",
            "package lib; public class Greeter { public static String hi() { return \"hi\"; } }");
    Path out = dir.resolve("out/lib/v1");
    ModuleCompiler.systemCompiler().compile(lib, List.of(), out);
    assertThat(out.resolve("lib/Greeter.class")).isRegularFile();
  }

  @Test
  void compilesAgainstTheClasspathItIsGiven() throws Exception {
    WorkspaceModule lib =
        module(
            "lib",
            "lib",
            "Greeter",
            "package lib; public class Greeter { public static String hi() { return \"hi\"; } }");
    Path libOut = dir.resolve("out/lib/v1");
    ModuleCompiler.systemCompiler().compile(lib, List.of(), libOut);
    WorkspaceModule app =
        module("app", "app", "Main", "package app; class Main { String s = lib.Greeter.hi(); }");
    Path appOut = dir.resolve("out/app/v1");
    ModuleCompiler.systemCompiler().compile(app, List.of(libOut), appOut);
    assertThat(appOut.resolve("app/Main.class")).isRegularFile();
  }

  @Test
  void errorsNameFileLineAndColumn() throws Exception {
    WorkspaceModule app =
        module("app", "app", "Main", "package app;\nclass Main {\n  int x = missing();\n}\n");
    assertThatThrownBy(
            () -> ModuleCompiler.systemCompiler().compile(app, List.of(), dir.resolve("o")))
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
}
