package dev.hotpatch.serve.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkspaceChangeTest {
  private static final Path ROOT = Path.of("/work/reactor");
  private static final Path REPO = Path.of("/home/me/.m2/repository");
  private static final Path LANG_12 =
      REPO.resolve("org/apache/commons/commons-lang3/3.12.0/commons-lang3-3.12.0.jar");
  private static final Path LANG_14 =
      REPO.resolve("org/apache/commons/commons-lang3/3.14.0/commons-lang3-3.14.0.jar");
  private static final Path TEXT =
      REPO.resolve("org/apache/commons/commons-text/1.10.0/commons-text-1.10.0.jar");

  private static WorkspaceModule module(String name, List<String> modules, List<Path> jars) {
    return module(name, modules, jars, CompilerSettings.defaults(), ModuleResources.none());
  }

  private static WorkspaceModule module(
      String name,
      List<String> modules,
      List<Path> jars,
      CompilerSettings compiler,
      ModuleResources resources) {
    Path home = ROOT.resolve(name);
    return new WorkspaceModule(
        name,
        home,
        List.of(home.resolve("src/main/java")),
        home.resolve("target/classes"),
        home.resolve("target"),
        modules,
        jars,
        jars,
        compiler,
        resources);
  }

  private static Workspace workspace(WorkspaceModule... modules) {
    return new Workspace(ROOT, List.of(modules));
  }

  @Test
  void theSameModulesChangeNothing() {
    Workspace before =
        workspace(
            module("lib", List.of(), List.of(LANG_12)), module("app", List.of("lib"), List.of()));

    WorkspaceChange change = WorkspaceChange.between(before, before);

    assertThat(change.isEmpty()).isTrue();
    assertThat(change.restartReason()).isNull();
  }

  @Test
  void anAddedJarRestartsNamingTheModuleAndTheArtifactAndCompilesTheModuleWhole() {
    Workspace before =
        workspace(module("lib", List.of(), List.of()), module("app", List.of("lib"), List.of()));
    Workspace after =
        workspace(
            module("lib", List.of(), List.of(LANG_12)),
            module("app", List.of("lib"), List.of(LANG_12)));

    WorkspaceChange change = WorkspaceChange.between(before, after);

    // app gets the jar through lib: it is named once, for lib, but both compile whole.
    assertThat(change.restartReasons())
        .containsExactly("the dependencies of module lib changed: added commons-lang3 3.12.0");
    assertThat(change.compileWhole()).containsOnlyKeys("lib", "app");
  }

  @Test
  void aNewVersionIsNamedAsSuchAndARemovedJarAsRemoved() {
    Workspace before = workspace(module("lib", List.of(), List.of(LANG_12, TEXT)));
    Workspace after = workspace(module("lib", List.of(), List.of(LANG_14)));

    assertThat(WorkspaceChange.between(before, after).restartReason())
        .isEqualTo(
            "the dependencies of module lib changed: commons-lang3 3.12.0 -> 3.14.0, removed"
                + " commons-text 1.10.0");
  }

  @Test
  void theSameJarsInAnotherOrderRestartToo() {
    Workspace before = workspace(module("lib", List.of(), List.of(LANG_12, TEXT)));
    Workspace after = workspace(module("lib", List.of(), List.of(TEXT, LANG_12)));

    assertThat(WorkspaceChange.between(before, after).restartReason())
        .isEqualTo(
            "the dependencies of module lib changed: the order or scope of its jars changed");
  }

  @Test
  void anAddedOrRemovedModuleRestarts() {
    Workspace before =
        workspace(module("lib", List.of(), List.of()), module("app", List.of("lib"), List.of()));
    Workspace after =
        workspace(module("util", List.of(), List.of()), module("app", List.of("util"), List.of()));

    WorkspaceChange change = WorkspaceChange.between(before, after);

    assertThat(change.restartReasons())
        .containsExactly(
            "module util was added",
            "the dependencies of module app changed: added module util, removed module lib",
            "module lib was removed");
    assertThat(change.added()).containsExactly("util");
    assertThat(change.compileWhole()).containsOnlyKeys("util", "app");
  }

  @Test
  void newCompilerSettingsCompileTheModuleWholeWithoutARestart() {
    CompilerSettings parameters =
        new CompilerSettings(
            null, null, null, null, true, null, true, false, false, true, false, null, List.of(),
            List.of(), List.of(), null);
    Workspace before = workspace(module("lib", List.of(), List.of()));
    Workspace after =
        workspace(module("lib", List.of(), List.of(), parameters, ModuleResources.none()));

    WorkspaceChange change = WorkspaceChange.between(before, after);

    assertThat(change.restartReasons()).isEmpty();
    assertThat(change.compileWhole()).containsEntry("lib", "its compiler settings changed");
    assertThat(change.resourcesChanged()).isEmpty();
  }

  @Test
  void newResourceSettingsCopyTheResourcesAgain() {
    ResourceRoot plain =
        new ResourceRoot(ROOT.resolve("lib/src/main/resources"), "", false, List.of(), List.of());
    ResourceRoot filtered =
        new ResourceRoot(ROOT.resolve("lib/src/main/resources"), "", true, List.of(), List.of());
    Workspace before =
        workspace(
            module(
                "lib",
                List.of(),
                List.of(),
                CompilerSettings.defaults(),
                new ModuleResources(List.of(plain), Map.of(), StandardCharsets.UTF_8)));
    Workspace after =
        workspace(
            module(
                "lib",
                List.of(),
                List.of(),
                CompilerSettings.defaults(),
                new ModuleResources(List.of(filtered), Map.of(), StandardCharsets.UTF_8)));

    WorkspaceChange change = WorkspaceChange.between(before, after);

    assertThat(change.isEmpty()).isFalse();
    assertThat(change.restartReasons()).isEmpty();
    assertThat(change.compileWhole()).isEmpty();
    assertThat(change.resourcesChanged()).containsExactly("lib");
  }
}
