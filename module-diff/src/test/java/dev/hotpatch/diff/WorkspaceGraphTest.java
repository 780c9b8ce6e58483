package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkspaceGraphTest {

  @Test
  void ordersEveryModuleAfterItsDependencies() {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put("app", List.of("lib"));
    deps.put("lib", List.of("core"));
    deps.put("core", List.of());

    assertThat(WorkspaceGraph.of(deps).modules()).containsExactly("core", "lib", "app");
  }

  @Test
  void keepsTheGivenOrderBetweenIndependentModules() {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put("core", List.of());
    deps.put("right", List.of("core"));
    deps.put("left", List.of("core"));
    deps.put("app", List.of("left", "right"));

    assertThat(WorkspaceGraph.of(deps).modules()).containsExactly("core", "right", "left", "app");
  }

  @Test
  void knowsTransitiveDependencies() {
    WorkspaceGraph graph =
        WorkspaceGraph.of(Map.of("app", List.of("lib"), "lib", List.of("core"), "core", List.of()));

    assertThat(graph.dependenciesOf("app")).containsExactly("lib");
    assertThat(graph.allDependenciesOf("app")).containsExactly("core", "lib");
    assertThat(graph.allDependenciesOf("core")).isEmpty();
  }

  @Test
  void rejectsACycle() {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put("a", List.of("b"));
    deps.put("b", List.of("a"));

    assertThatThrownBy(() -> WorkspaceGraph.of(deps))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a -> b -> a");
  }

  @Test
  void rejectsADependencyThatIsNotAModule() {
    assertThatThrownBy(() -> WorkspaceGraph.of(Map.of("app", List.of("ghost"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("app depends on ghost");
  }
}
