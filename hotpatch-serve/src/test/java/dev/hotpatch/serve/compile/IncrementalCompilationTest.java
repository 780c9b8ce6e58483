package dev.hotpatch.serve.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library module of a few classes and an application module using it, built once the way Maven
 * would; each test edits them and checks what the compiler recompiles, that each version's folder
 * holds only what javac wrote, and that each version's classes are complete.
 */
class IncrementalCompilationTest {
  @TempDir Path dir;
  private Workspaces workspace;
  private WorkspaceModule lib;
  private WorkspaceModule app;
  private ModuleCompiler compiler;
  private final java.util.Map<Integer, CompileResult> libVersions = new java.util.HashMap<>();

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
    compiler = workspace.compiler();
  }

  private CompileResult buildLib(int version) throws Exception {
    return buildLib(version, null);
  }

  /** Builds lib as serve does after the watcher saw {@code changedFiles} (null: unknown). */
  private CompileResult buildLib(int version, Set<Path> changedFiles) throws Exception {
    CompileResult result =
        compiler.compile(lib, List.of(), List.of(), workspace.output("lib", version), changedFiles);
    libVersions.put(version, result);
    return result;
  }

  private CompileResult buildApp(int version, int libVersion) throws Exception {
    return buildApp(version, libVersion, null);
  }

  private CompileResult buildApp(int version, int libVersion, Set<Path> changedFiles)
      throws Exception {
    dev.hotpatch.diff.ModuleSnapshot libClasses =
        libVersion == 0
            ? workspace.snapshots().first("lib")
            : libVersions.get(libVersion).classes();
    return compiler.compile(
        app,
        List.of(new UpstreamBuild("lib", libClasses, List.of(workspace.output("lib", libVersion)))),
        List.of(),
        workspace.output("app", version),
        changedFiles);
  }

  private List<Path> sources(String module, String... classes) {
    return java.util.Arrays.stream(classes).map(c -> workspace.source(module, c)).toList();
  }

  @Test
  void aBodyChangeRecompilesThatFileAloneAndWritesNothingElse() throws Exception {
    workspace.edit(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static String hi() { return \"yo\"; } }");
    CompileResult result = buildLib(1);
    assertThat(result.mode()).isEqualTo(CompileResult.Mode.INCREMENTAL);
    assertThat(result.compiled()).containsExactlyElementsOf(sources("lib", "lib.Greeter"));
    Path out = workspace.output("lib", 1);
    try (java.util.stream.Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile))
          .containsExactly(out.resolve("lib/Greeter.class"));
    }
    assertThat(result.classes().classNames())
        .containsExactlyInAnyOrder(
            "lib/Greeter", "lib/Polite", "lib/Config", "lib/Base", "lib/Derived", "lib/Alone");
    assertThat(text(out.resolve("lib/Greeter.class"))).contains("yo");

    CompileResult dependent = buildApp(1, 1);
    assertThat(dependent.mode()).isEqualTo(CompileResult.Mode.UNCHANGED);
    assertThat(workspace.output("app", 1).resolve("app/Main.class")).doesNotExist();
    assertThat(dependent.classes().classNames()).contains("app/Main");
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
  void aModuleNoneOfWhoseFilesChangedIsCheckedAgainstItsLastBuildWithoutListingItsSources()
      throws Exception {
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { public void more() {} }");
    buildLib(1);
    // Not reported by the watcher, so not looked for: app is built only because lib changed.
    workspace.edit("app", "app.Unseen", "package app; class Unseen { not java }");
    CompileResult unaffected = buildApp(1, 1, Set.of());
    assertThat(unaffected.mode()).isEqualTo(CompileResult.Mode.UNCHANGED);
    assertThat(unaffected.compiled()).isEmpty();

    Files.delete(workspace.source("app", "app.Unseen"));
    workspace.edit(
        "lib",
        "lib.Greeter",
        "package lib; public class Greeter { public static CharSequence hi() { return \"hi\"; } }");
    buildLib(2);
    CompileResult affected = buildApp(2, 2, Set.of());
    assertThat(affected.mode()).isEqualTo(CompileResult.Mode.INCREMENTAL);
    assertThat(affected.compiled()).containsExactlyElementsOf(sources("app", "app.Main"));
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
    assertThat(text(dependent.classes().bytes("app/Label").orElseThrow())).contains("name: new");
  }

  @Test
  void aFileRenamedInOneSaveIsSeenAsDeleted() throws Exception {
    // As many sources as before: the count alone does not tell a file went.
    Files.delete(workspace.source("lib", "lib.Alone"));
    workspace.write("lib", "lib.Renamed", "package lib; public class Renamed {}");
    CompileResult result = buildLib(1);
    assertThat(result.mode()).isEqualTo(CompileResult.Mode.FULL);
    assertThat(result.reason()).isEqualTo("Alone.java was deleted");
    assertThat(result.classes().classNames()).contains("lib/Renamed").doesNotContain("lib/Alone");
  }

  @Test
  void aDeletedFileCompilesTheWholeModule() throws Exception {
    Files.delete(workspace.source("lib", "lib.Alone"));
    CompileResult result = buildLib(1);
    assertThat(result.mode()).isEqualTo(CompileResult.Mode.FULL);
    assertThat(result.reason()).isEqualTo("Alone.java was deleted");
    assertThat(workspace.output("lib", 1).resolve("lib/Alone.class")).doesNotExist();
    assertThat(workspace.output("lib", 1).resolve("lib/Greeter.class")).isRegularFile();
    assertThat(result.classes().classNames()).doesNotContain("lib/Alone");
    assertThat(result.removed()).containsExactly("lib/Alone");
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
    assertThat(workspace.output("lib", 2).resolve("lib/Greeter.class")).doesNotExist();
    assertThat(text(second.classes().bytes("lib/Greeter").orElseThrow())).contains("one");
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

  @Test
  void aLaterBuildLooksAgainOnlyAtTheFilesTheWatcherNamed() throws Exception {
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int x; }");
    buildLib(1, Set.of(workspace.source("lib", "lib.Alone")));
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int y; }");
    workspace.edit("lib", "lib.Added", "package lib; public class Added {}");
    // Edited behind the watcher's back: the build only takes the watcher's word.
    workspace.edit(
        "lib", "lib.Base", "package lib; public class Base { public int m() { return 2; } }");
    CompileResult named =
        buildLib(
            2, Set.of(workspace.source("lib", "lib.Alone"), workspace.source("lib", "lib.Added")));
    assertThat(named.compiled())
        .containsExactlyInAnyOrderElementsOf(sources("lib", "lib.Alone", "lib.Added"));
    // When the watcher cannot tell (it overflowed), every folder is listed again.
    assertThat(buildLib(3, null).compiled()).containsExactlyElementsOf(sources("lib", "lib.Base"));
  }

  @Test
  void theFirstBuildListsEveryFolderWhateverTheWatcherNamed() throws Exception {
    // Maven's build tells which sources have classes, not which files the folders hold now.
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int x; }");
    workspace.edit("lib", "lib.Extra", "package lib; public class Extra {}");
    CompileResult first = buildLib(1, Set.of(workspace.source("lib", "lib.Alone")));
    assertThat(first.compiled())
        .containsExactlyInAnyOrderElementsOf(sources("lib", "lib.Alone", "lib.Extra"));
  }

  @Test
  void aDeletedFolderTheWatcherNamedTakesItsSourcesAlong() throws Exception {
    Path folder = buildDeepInnerThenDeleteIt();
    CompileResult result = buildLib(2, Set.of(folder));
    assertThat(result.mode()).isEqualTo(CompileResult.Mode.FULL);
    assertThat(result.reason()).isEqualTo("Inner.java was deleted");
    assertThat(result.classes().classNames()).doesNotContain("lib/deep/Inner");
  }

  @Test
  void aLinkedSourceIsLookedAtAgainAtEveryBuild() throws Exception {
    Path target = dir.resolve("elsewhere/Linked.java");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "package lib; public class Linked { int a; }");
    Files.createSymbolicLink(workspace.source("lib", "lib.Linked"), target);
    buildLib(1, null);
    // An edit of the file a link points to makes no event in the module's folders.
    saveLater(target, "package lib; public class Linked { int b; }");
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int x; }");
    CompileResult result = buildLib(2, Set.of(workspace.source("lib", "lib.Alone")));
    assertThat(result.compiled())
        .containsExactlyInAnyOrderElementsOf(sources("lib", "lib.Alone", "lib.Linked"));
  }

  @Test
  void aNamedFileWhoseFolderBecameAFileCountsAsDeleted() throws Exception {
    Files.writeString(buildDeepInnerThenDeleteIt(), "not a folder");
    CompileResult result = buildLib(2, Set.of(workspace.source("lib", "lib.deep.Inner")));
    assertThat(result.reason()).isEqualTo("Inner.java was deleted");
  }

  @Test
  void aSourceFolderThatAppearsAfterTheFirstBuildIsListedAtEveryBuild() throws Exception {
    Path generated = dir.resolve("lib/generated");
    lib =
        new WorkspaceModule(
            "lib",
            lib.basedir(),
            List.of(lib.sourceRoots().get(0), generated),
            lib.outputDirectory(),
            lib.buildDirectory(),
            List.of(),
            List.of(),
            List.of(),
            Workspaces.release17());
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int x; }");
    buildLib(1, Set.of(workspace.source("lib", "lib.Alone")));
    // The watcher started before this folder existed, so it reports nothing of what is in it.
    Path gen = generated.resolve("lib/Gen.java");
    Files.createDirectories(gen.getParent());
    Files.writeString(gen, "package lib; public class Gen { int a; }");
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int y; }");
    assertThat(buildLib(2, Set.of(workspace.source("lib", "lib.Alone"))).compiled())
        .containsExactlyInAnyOrder(workspace.source("lib", "lib.Alone"), gen);
    saveLater(gen, "package lib; public class Gen { int b; }");
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int z; }");
    assertThat(buildLib(3, Set.of(workspace.source("lib", "lib.Alone"))).compiled())
        .containsExactlyInAnyOrder(workspace.source("lib", "lib.Alone"), gen);
  }

  @Test
  void afterChangesWereLostTheNextBuildListsEverything() throws Exception {
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int x; }");
    buildLib(1, Set.of(workspace.source("lib", "lib.Alone")));
    // A burst whose files never reached the builder.
    workspace.edit(
        "lib", "lib.Base", "package lib; public class Base { public int m() { return 2; } }");
    compiler.listSourcesAgain();
    workspace.edit("lib", "lib.Alone", "package lib; public class Alone { int y; }");
    assertThat(buildLib(2, Set.of(workspace.source("lib", "lib.Alone"))).compiled())
        .containsExactlyInAnyOrderElementsOf(sources("lib", "lib.Alone", "lib.Base"));
  }

  /** Saves a file outside the workspace's own sources, stamped later than any build. */
  private static void saveLater(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
  }

  /** Adds lib.deep.Inner, builds, then deletes its source and folder; returns the folder. */
  private Path buildDeepInnerThenDeleteIt() throws Exception {
    workspace.edit("lib", "lib.deep.Inner", "package lib.deep; public class Inner {}");
    buildLib(1, Set.of(workspace.source("lib", "lib.deep.Inner")));
    Path folder = workspace.source("lib", "lib.deep.Inner").getParent();
    Files.delete(workspace.source("lib", "lib.deep.Inner"));
    Files.delete(folder);
    return folder;
  }

  private static String text(Path classFile) throws Exception {
    return text(Files.readAllBytes(classFile));
  }

  private static String text(byte[] classFile) {
    return new String(classFile, StandardCharsets.ISO_8859_1);
  }
}
