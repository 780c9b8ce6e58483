package dev.hotpatch.serve.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.compile.UpstreamBuild;
import dev.hotpatch.serve.compile.Workspaces;
import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.ModuleResources;
import dev.hotpatch.serve.workspace.ResourceRoot;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchBuilderTest {
  @TempDir Path dir;
  private PatchBuilder builder;
  private Workspace workspace;
  private ModuleCompiler javac;
  private Workspaces builds;
  private int edits;

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

  /** Sources written before the initial build are older than it, edits after it newer. */
  private void write(String module, String className, String source) throws Exception {
    Path file = dir.resolve(module).resolve("src").resolve(module).resolve(className + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "package " + module + ";\n" + source);
    Instant time =
        builder == null ? Instant.now().minusSeconds(60) : Instant.now().plusSeconds(++edits);
    Files.setLastModifiedTime(file, FileTime.from(time));
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
    builds = new Workspaces(dir);
    Workspaces.javac(lib, List.of(), lib.outputDirectory());
    Workspaces.javac(app, List.of(lib.outputDirectory()), app.outputDirectory());
    javac = builds.compiler();
    workspace = new Workspace(dir, List.of(lib, app));
    builder = newBuilder(new CompiledVersions(javac), "session");
  }

  private PatchBuilder newBuilder(VersionSource versions, String session) throws Exception {
    return new PatchBuilder(
        workspace, versions, SessionFolder.create(dir.resolve(session)), builds.snapshots());
  }

  /** The code of {@code modules} changed, file by file unknown. */
  private static Map<String, Set<Path>> code(String... modules) {
    Map<String, Set<Path>> code = new java.util.HashMap<>();
    for (String module : modules) {
      code.put(module, null);
    }
    return code;
  }

  @Test
  void primingRunsJavacOnASourceOfItsOwnThenOnSourcesOfTheBottomModuleAndLeavesNoScratch()
      throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    VersionSource compiled = new CompiledVersions(javac);
    VersionSource recording =
        new VersionSource() {
          @Override
          public ModuleBuild first(WorkspaceModule module, Path folder, SnapshotStore snapshots)
              throws IOException {
            return compiled.first(module, folder, snapshots);
          }

          @Override
          public Classes next(
              WorkspaceModule module,
              List<UpstreamBuild> upstream,
              ModuleBuild previous,
              Path folder,
              Set<Path> changedFiles)
              throws CompilationFailedException {
            return compiled.next(module, upstream, previous, folder, changedFiles);
          }

          @Override
          public boolean warmUp(
              WorkspaceModule module,
              List<UpstreamBuild> upstream,
              Path scratch,
              int files,
              BooleanSupplier patchWaits) {
            calls.add("compile " + files + " of " + module.name());
            return compiled.warmUp(module, upstream, scratch, files, patchWaits);
          }

          @Override
          public void prime(WorkspaceModule module, Path scratch) {
            calls.add("prime with the options of " + module.name());
            compiled.prime(module, scratch);
          }
        };
    PatchBuilder primed = newBuilder(recording, "primed");

    primed.primeCompiler();

    assertThat(calls).containsExactly("prime with the options of lib", "compile 8 of lib");
    try (Stream<Path> session = Files.list(dir.resolve("primed"))) {
      assertThat(session.map(p -> p.getFileName().toString()))
          .doesNotContain("javac-primer", "warm-up-lib");
    }
  }

  @Test
  void aResourceChangeIsALayerOfItsOwnWithoutCompilingOrRebuildingDependents() throws Exception {
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
    builder = newBuilder(new CompiledVersions(javac), "session");

    List<ModuleBuild> built = builder.build(Map.of(), Map.of("lib", Set.of(message)));

    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib");
    Path layer = built.get(0).folders().get(0);
    assertThat(layer.resolve("m.txt")).hasContent("new");
    assertThat(layer.resolve("lib/Greeter.class")).doesNotExist();
    assertThat(built.get(0).hasFile("lib/Greeter.class")).isTrue();
    assertThat(built.get(0).classes()).isSameAs(builder.current("lib").classes());
    assertThat(builder.builtResources()).isEqualTo(Map.of("lib", Set.of("m.txt")));
  }

  @Test
  void aBodyChangeOfALibraryBuildsTheLibraryAloneIntoALayerOfOneClass() throws Exception {
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static String greet() { return \"yo\"; } }");
    List<ModuleBuild> built = builder.build(code("lib"), Map.of());
    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib");
    assertThat(built).extracting(ModuleBuild::version).containsExactly(1);
    assertThat(built.get(0).folders()).hasSize(2);
    try (var files = Files.walk(built.get(0).folders().get(0))) {
      assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
          .containsExactly("Greeter.class");
    }
    builder.commit(built);
    assertThat(builder.current("lib")).isSameAs(built.get(0));
  }

  @Test
  void aSignatureChangeOfALibraryRebuildsTheDependentsThatUseIt() throws Exception {
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static CharSequence greet() { return \"yo\"; } }");
    write("app", "Main", "class Main { CharSequence s = lib.Greeter.greet(); }");
    List<ModuleBuild> built = builder.build(code("lib", "app"), Map.of());
    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib", "app");
    assertThat(built).extracting(ModuleBuild::version).containsExactly(1, 1);
  }

  @Test
  void aLibraryWhoseCallersFailedToCompileIsRebuiltWhenTheCallersAreFixed() throws Exception {
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static String greet(int n) { return \"hi\".repeat(n); } }");
    assertThatThrownBy(() -> builder.build(code("lib"), Map.of()))
        .isInstanceOf(CompilationFailedException.class);
    assertThat(builder.current("lib").version()).isZero();

    write("app", "Main", "class Main { String s = lib.Greeter.greet(2); }");
    List<ModuleBuild> built = builder.build(code("app"), Map.of());
    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib", "app");
    builder.commit(built);
    assertThat(builder.changedModules()).isEmpty();
  }

  @Test
  void aLongSessionFoldsTheLayersAboveTheBottomOneAndEveryVersionStillReadsTheSame()
      throws Exception {
    ModuleBuild build = builder.current("lib");
    int most = 0;
    for (int patch = 1; patch <= 40; patch++) {
      write(
          "lib",
          "Greeter",
          "public class Greeter { public static String greet() { return \"" + patch + "\"; } }");
      Path extra = dir.resolve("lib/src/lib/Extra.java");
      if (patch == 5) {
        write("lib", "Extra", "class Extra {}");
      } else if (patch == 20) {
        Files.delete(extra);
      }
      List<ModuleBuild> built = builder.build(code("lib"), Map.of());
      builder.commit(built);
      build = builder.current("lib");
      most = Math.max(most, build.layers().size());

      assertThat(build.version()).isEqualTo(patch);
      assertThat(visible(build, "lib/Greeter.class"))
          .isEqualTo(build.classes().bytes("lib/Greeter").get());
      assertThat(visible(build, "lib/Extra.class") != null)
          .as("patch %d", patch)
          .isEqualTo(patch >= 5 && patch < 20);
    }
    assertThat(most).isEqualTo(LayerCompaction.MAX_LAYERS);
    assertThat(build.layers()).hasSizeLessThan(LayerCompaction.MAX_LAYERS);
    assertThat(build.folders().get(build.folders().size() - 1))
        .isEqualTo(dir.resolve("lib").resolve("classes"));
  }

  /** The bytes a version's layers give for {@code name}, newest layer first; null if none. */
  private static byte[] visible(ModuleBuild build, String name) throws IOException {
    for (Layer layer : build.layers()) {
      Path file = layer.folder().resolve(name);
      if (Files.isRegularFile(file)) {
        return Files.readAllBytes(file);
      }
      if (layer.deleted().contains(name)) {
        return null;
      }
    }
    return null;
  }

  @Test
  void everyBuildGetsAFolderOfItsOwnAndABuildNotAppliedIsALayerOfTheNext() throws Exception {
    write("app", "Main", "class Main { String s = lib.Greeter.greet() + 1; }");
    List<ModuleBuild> first = builder.build(code("app"), Map.of());
    write("app", "Main", "class Main { String s = lib.Greeter.greet() + 22; }");
    List<ModuleBuild> second = builder.build(code("app"), Map.of());
    assertThat(second.get(0).folders().get(0)).isNotEqualTo(first.get(0).folders().get(0));
    assertThat(second.get(0).folders()).containsSubsequence(first.get(0).folders());
  }

  @Test
  void watchingClassFoldersCopiesWhatTheIdeCompiledIntoANewVersionOfTheModule() throws Exception {
    PatchBuilder copies = newBuilder(new CopiedVersions(), "copies");
    Path lib = dir.resolve("lib/classes/lib/Greeter.class");
    Path first = copies.current("lib").folders().get(0);
    assertThat(first).isNotEqualTo(lib.getParent().getParent());
    byte[] before = Files.readAllBytes(lib);
    assertThat(first.resolve("lib/Greeter.class")).hasBinaryContent(before);

    // The IDE compiles into the class folder, in place.
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static String greet() { return \"yo\"; } }");
    Workspaces.javac(workspace.modules().get(0), List.of(), dir.resolve("lib/scratch"));
    Files.copy(
        dir.resolve("lib/scratch/lib/Greeter.class"),
        lib,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    List<ModuleBuild> built = copies.build(Map.of("lib", Set.of(lib)), Map.of());
    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib");
    assertThat(built).extracting(ModuleBuild::version).containsExactly(1);
    assertThat(built.get(0).folders().get(0).resolve("lib/Greeter.class"))
        .hasBinaryContent(Files.readAllBytes(lib));
    // What the application loaded first stays as it was.
    assertThat(first.resolve("lib/Greeter.class")).hasBinaryContent(before);
  }

  @Test
  void aHalfWrittenClassFileIsNeverBuiltAndItsWholeVersionIsTheNextPatch() throws Exception {
    PatchBuilder copies = newBuilder(new CopiedVersions(), "copies");
    Path lib = dir.resolve("lib/classes/lib/Greeter.class");
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static String greet() { return \"yo\"; } }");
    Workspaces.javac(workspace.modules().get(0), List.of(), dir.resolve("lib/scratch"));
    byte[] whole = Files.readAllBytes(dir.resolve("lib/scratch/lib/Greeter.class"));

    // The IDE has written the first part of the file when the watcher sees it.
    for (int length : new int[] {whole.length / 2, whole.length - 1}) {
      Files.write(lib, java.util.Arrays.copyOf(whole, length));
      assertThatThrownBy(() -> copies.build(Map.of("lib", Set.of(lib)), Map.of()))
          .isInstanceOf(IncompleteClassFileException.class)
          .hasMessageContaining("Greeter.class of module lib is not a whole class file yet");
      assertThat(copies.current("lib").version()).isZero();
    }

    Files.write(lib, whole);
    List<ModuleBuild> built = copies.build(Map.of("lib", Set.of(lib)), Map.of());
    assertThat(built).extracting(ModuleBuild::version).containsExactly(1);
    assertThat(built.get(0).folders().get(0).resolve("lib/Greeter.class")).hasBinaryContent(whole);
  }

  @Test
  void aSessionFolderThatCannotBeWrittenIsOneErrorAndTheChangeIsBuiltOnceItCanBe()
      throws Exception {
    // Tests run as root, which writes through permissions: a regular file stands in the way.
    Path versions = dir.resolve("session/lib");
    SessionFolder.deleteRecursively(versions);
    Files.writeString(versions, "not a folder");
    write(
        "lib",
        "Greeter",
        "public class Greeter { public static String greet() { return \"yo\"; } }");

    assertThatThrownBy(() -> builder.build(code("lib"), Map.of()))
        .isInstanceOf(SessionWriteException.class)
        .hasMessageStartingWith("cannot write the next version of module lib into " + versions)
        .hasMessageEndingWith(
            "The application keeps running its last good code; free disk space or make "
                + versions
                + " a writable folder again, then save again.");
    assertThat(builder.current("lib").version()).isZero();
    assertThat(builder.changedModules()).containsExactly("lib");

    // Writable again: the next build, of nothing new, builds the change that waited.
    Files.delete(versions);
    List<ModuleBuild> built = builder.build(Map.of(), Map.of());
    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib");
    assertThat(built.get(0).folders().get(0).resolve("lib/Greeter.class")).exists();
  }
}
