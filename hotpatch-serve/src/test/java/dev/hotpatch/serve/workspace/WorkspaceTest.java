package dev.hotpatch.serve.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkspaceTest {
  private static final Path ROOT = Path.of("/ws");

  private static WorkspaceModule module(String name, String... dependencies) {
    return new WorkspaceModule(
        name,
        ROOT.resolve(name),
        List.of(ROOT.resolve(name).resolve("src/main/java")),
        ROOT.resolve(name).resolve("target/classes"),
        ROOT.resolve(name).resolve("target"),
        List.of(dependencies),
        List.of(),
        List.of(),
        CompilerSettings.defaults());
  }

  // core <- left, right <- app (a diamond), and tools depending on core only.
  private final Workspace diamond =
      new Workspace(
          ROOT,
          List.of(
              module("core"),
              module("left", "core"),
              module("right", "core"),
              module("tools", "core"),
              module("app", "left", "right", "core")));

  @Test
  void aChangedModuleBringsEveryDependentInBuildOrder() {
    assertThat(diamond.withDependents(Set.of("core")))
        .extracting(WorkspaceModule::name)
        .containsExactly("core", "left", "right", "tools", "app");
  }

  @Test
  void aChangedLeafRebuildsOnlyItself() {
    assertThat(diamond.withDependents(Set.of("app")))
        .extracting(WorkspaceModule::name)
        .containsExactly("app");
  }

  @Test
  void oneSideOfTheDiamondLeavesTheOtherAlone() {
    assertThat(diamond.withDependents(Set.of("left")))
        .extracting(WorkspaceModule::name)
        .containsExactly("left", "app");
  }

  @Test
  void closureKeepsTheMainModuleAndWhatItDependsOn() {
    WorkspaceModule app = diamond.module("app").orElseThrow();
    assertThat(diamond.closureOf(app).modules())
        .extracting(WorkspaceModule::name)
        .containsExactly("core", "left", "right", "app");
  }

  @Test
  void closureKeepsWhatTheModulesCompileAgainstButDoNotPassOn() {
    // lib needs processor (provided scope, so not among app's dependencies) to be compiled again.
    Workspace workspace =
        new Workspace(
            ROOT, List.of(module("processor"), module("lib", "processor"), module("app", "lib")));
    assertThat(workspace.closureOf(workspace.module("app").orElseThrow()).modules())
        .extracting(WorkspaceModule::name)
        .containsExactly("processor", "lib", "app");
  }
}
