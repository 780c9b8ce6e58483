package dev.hotpatch.serve.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.ModuleResources;
import dev.hotpatch.serve.workspace.ResourceRoot;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchBuilderTest {
  @TempDir Path dir;
  private PatchBuilder builder;
  private Workspace workspace;
  private ModuleCompiler javac;

  private WorkspaceModule module(String name, List<String> dependencies) {
    return new WorkspaceModule(
        name,
        dir.resolve(name),
        List.of(dir.resolve(name).resolve("src")),
        dir.resolve(name).resolve("classes"),
        dir.resolve(name).resolve("target"),
        dependencies,
        List.of(),
        List.of(),
        CompilerSettings.defaults());
  }

  private void write(String module, String className, String source) throws Exception {
    Path file = dir.resolve(module).resolve("src").resolve(module).resolve(className + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "package " + module + ";\n" + source);
  }

  @BeforeEach
  void initialBuild() throws Exception {
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static String greet() { return \"hi\"; } }");
    write("app", "Main", "class Main { String s = lib.Greeter.greet(); }");
    WorkspaceModule lib = module("lib", List.of());
    WorkspaceModule app = module("app", List.of("lib"));
    javac = ModuleCompiler.systemCompiler();
    javac.compile(lib, List.of(), lib.outputDirectory());
    javac.compile(app, List.of(lib.outputDirectory()), app.outputDirectory());
    workspace = new Workspace(dir, List.of(lib, app));
    builder =
        new PatchBuilder(
            workspace, new CompiledVersions(javac), SessionFolder.create(dir.resolve("session")));
  }

  @Test
  void aResourceChangeCopiesTheRunningVersionWithoutCompilingOrRebuildingDependents()
      throws Exception {
    WorkspaceModule lib = workspace.modules().get(0);
    Path resources = dir.resolve("lib/resources");
    Path message = Files.writeString(Files.createDirectories(resources).resolve("m.txt"), "new");
    WorkspaceModule withResources =
        new WorkspaceModule(
            lib.name(),
            lib.basedir(),
            lib.sourceRoots(),
            lib.outputDirectory(),
            lib.buildDirectory(),
            lib.dependencies(),
            List.of(),
            List.of(),
            lib.compiler(),
            new ModuleResources(
                List.of(new ResourceRoot(resources, "", false, List.of(), List.of())),
                Map.of(),
                StandardCharsets.UTF_8));
    workspace = new Workspace(dir, List.of(withResources, workspace.modules().get(1)));
    // A broken source proves that nothing is compiled.
    write("lib", "Greeter", "this does not compile");
    builder =
        new PatchBuilder(
            workspace, new CompiledVersions(javac), SessionFolder.create(dir.resolve("session")));

    List<ModuleBuild> built = builder.build(Set.of(), Map.of("lib", Set.of(message)));

    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib");
    assertThat(built.get(0).classes().resolve("m.txt")).hasContent("new");
    assertThat(built.get(0).classes().resolve("lib/Greeter.class")).exists();
    assertThat(builder.builtResources()).isEqualTo(Map.of("lib", Set.of("m.txt")));
  }

  @Test
  void aLibraryChangeRebuildsItsDependentsWithNewVersions() throws Exception {
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static String greet() { return \"yo\"; } }");
    List<ModuleBuild> built = builder.build(Set.of("lib"));
    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib", "app");
    assertThat(built).extracting(ModuleBuild::version).containsExactly(1, 1);
    builder.commit(built);
    assertThat(builder.current("app").classes()).isEqualTo(built.get(1).classes());
  }

  @Test
  void aLibraryWhoseCallersFailedToCompileIsRebuiltWhenTheCallersAreFixed() throws Exception {
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static String greet(int n) { return \"hi\".repeat(n); } }");
    assertThatThrownBy(() -> builder.build(Set.of("lib")))
        .isInstanceOf(CompilationFailedException.class);
    assertThat(builder.current("lib").version()).isZero();

    write("app", "Main", "class Main { String s = lib.Greeter.greet(2); }");
    List<ModuleBuild> built = builder.build(Set.of("app"));
    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib", "app");
    builder.commit(built);
    assertThat(builder.changedModules()).isEmpty();
  }

  @Test
  void everyBuildGetsAFolderOfItsOwn() throws Exception {
    List<ModuleBuild> first = builder.build(Set.of("app"));
    List<ModuleBuild> second = builder.build(Set.of("app"));
    assertThat(first.get(0).classes()).isNotEqualTo(second.get(0).classes());
  }

  @Test
  void watchingClassFoldersCopiesWhatTheIdeCompiledIntoNewVersionsOfTheModuleAndItsDependents()
      throws Exception {
    PatchBuilder copies =
        new PatchBuilder(
            workspace, new CopiedVersions(), SessionFolder.create(dir.resolve("copies")));
    Path lib = dir.resolve("lib/classes/lib/Greeter.class");
    Path first = copies.current("lib").classes();
    assertThat(first).isNotEqualTo(lib.getParent().getParent());
    byte[] before = Files.readAllBytes(lib);
    assertThat(first.resolve("lib/Greeter.class")).hasBinaryContent(before);

    // The IDE compiles into the class folder, in place.
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static String greet() { return \"yo\"; } }");
    javac.compile(workspace.modules().get(0), List.of(), dir.resolve("lib/scratch"));
    Files.copy(
        dir.resolve("lib/scratch/lib/Greeter.class"),
        lib,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    List<ModuleBuild> built = copies.build(Set.of("lib"));
    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib", "app");
    assertThat(built).extracting(ModuleBuild::version).containsExactly(1, 1);
    assertThat(built.get(0).classes().resolve("lib/Greeter.class"))
        .hasBinaryContent(Files.readAllBytes(lib));
    assertThat(built.get(1).classes().resolve("app/Main.class")).exists();
    // What the application loaded first stays as it was.
    assertThat(first.resolve("lib/Greeter.class")).hasBinaryContent(before);
  }
}
