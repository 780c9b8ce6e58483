package dev.hotpatch.serve.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.ModuleResources;
import dev.hotpatch.serve.workspace.ResourceRoot;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchModeTest {
  private static final Path ROOT = Path.of("/work/reactor");

  private static WorkspaceModule module(String name, String... extraRoots) {
    Path base = ROOT.resolve(name);
    List<Path> roots = new java.util.ArrayList<>(List.of(base.resolve("src/main/java")));
    for (String root : extraRoots) {
      roots.add(base.resolve(root));
    }
    return new WorkspaceModule(
        name,
        base,
        roots,
        base.resolve("target/classes"),
        base.resolve("target"),
        List.of(),
        List.of(),
        List.of(),
        CompilerSettings.defaults());
  }

  private final Workspace workspace =
      new Workspace(
          ROOT,
          List.of(module("lib", "target/generated-sources/jaxb", "src/extra/java"), module("app")));

  @Test
  void sourcesAreWatchedExceptTheOnesTheBuildGenerates() {
    assertThat(WatchMode.SOURCES.roots(workspace))
        .containsExactly(
            ROOT.resolve("lib/src/main/java"),
            ROOT.resolve("lib/src/extra/java"),
            ROOT.resolve("app/src/main/java"));
  }

  @Test
  void classFoldersAreWatchedInClassesMode() {
    assertThat(WatchMode.CLASSES.roots(workspace))
        .containsExactly(ROOT.resolve("lib/target/classes"), ROOT.resolve("app/target/classes"));
  }

  @Test
  void aChangedFileBelongsToTheModuleOfTheWatchedFolderThatHoldsIt() {
    assertThat(WatchMode.SOURCES.owner(workspace, ROOT.resolve("app/src/main/java/a/A.java")))
        .map(WorkspaceModule::name)
        .contains("app");
    assertThat(WatchMode.SOURCES.owner(workspace, ROOT.resolve("lib/target/classes/l/L.class")))
        .isEmpty();
    assertThat(WatchMode.CLASSES.owner(workspace, ROOT.resolve("lib/target/classes/l/L.class")))
        .map(WorkspaceModule::name)
        .contains("lib");
  }

  @Test
  void sourcesModeIgnoresEveryBuildDirectory() {
    WatchFilter filter = WatchMode.SOURCES.filter(workspace);
    assertThat(filter.skips(ROOT.resolve("app/target"))).isTrue();
    assertThat(filter.accepts(ROOT.resolve("lib/target/generated-sources/jaxb/G.java"))).isFalse();
    assertThat(filter.accepts(ROOT.resolve("lib/src/main/java/l/L.java"))).isTrue();
  }

  @Test
  void classesModeWatchesInsideTheBuildDirectory() {
    WatchFilter filter = WatchMode.CLASSES.filter(workspace);
    assertThat(filter.accepts(ROOT.resolve("lib/target/classes/l/L.class"))).isTrue();
    assertThat(filter.accepts(ROOT.resolve("lib/target/classes/l/L.java"))).isFalse();
  }

  private static WorkspaceModule withResources(String name) {
    WorkspaceModule plain = module(name);
    Path base = ROOT.resolve(name);
    return new WorkspaceModule(
        plain.name(),
        plain.basedir(),
        plain.sourceRoots(),
        plain.outputDirectory(),
        plain.buildDirectory(),
        List.of(),
        List.of(),
        List.of(),
        plain.compiler(),
        new ModuleResources(
            List.of(
                new ResourceRoot(
                    base.resolve("src/main/resources"), "", false, List.of(), List.of()),
                new ResourceRoot(
                    base.resolve("target/generated-resources"), "", false, List.of(), List.of())),
            java.util.Map.of(),
            java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void resourceFoldersAreWatchedInSourcesModeExceptTheOnesTheBuildGenerates() {
    Workspace resources = new Workspace(ROOT, List.of(withResources("lib")));

    assertThat(WatchMode.SOURCES.roots(resources))
        .containsExactly(ROOT.resolve("lib/src/main/java"), ROOT.resolve("lib/src/main/resources"));
    assertThat(WatchMode.CLASSES.resourceRoots(withResources("lib"))).isEmpty();
  }

  @Test
  void anyFileInAResourceFolderMattersButOnlyJavaFilesAreCode() {
    Workspace resources = new Workspace(ROOT, List.of(withResources("lib")));
    WatchFilter filter = WatchMode.SOURCES.filter(resources);
    Path properties = ROOT.resolve("lib/src/main/resources/app.properties");

    assertThat(filter.accepts(properties)).isTrue();
    assertThat(filter.accepts(ROOT.resolve("lib/src/main/resources/app.properties~"))).isFalse();
    assertThat(filter.accepts(ROOT.resolve("lib/src/main/java/notes.txt"))).isFalse();
    assertThat(WatchMode.SOURCES.isCode(withResources("lib"), properties)).isFalse();
  }
}
