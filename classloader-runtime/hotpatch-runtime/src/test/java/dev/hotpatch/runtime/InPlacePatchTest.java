package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-place patches: classes redefined with {@code Instrumentation.redefineClasses}. The scenarios
 * need the hotpatch agent, so each runs in a JVM of its own ({@link InPlaceScenarios}).
 */
class InPlacePatchTest {
  @TempDir Path folder;

  private void runWithAgent(String scenario) throws IOException, InterruptedException {
    ForkedJvm.run(
        folder.resolve("workspace"),
        List.of("-javaagent:" + ForkedJvm.agentJar(folder)),
        InPlaceScenarios.class,
        scenario);
  }

  @Test
  void inPlaceRedefinitionChangesLiveObjectsBehaviour() throws Exception {
    runWithAgent("liveObjectRunsTheNewBodyWithoutANewLoader");
  }

  @Test
  void classNotLoadedYetComesFromTheNewBuildWhenFirstLoaded() throws Exception {
    runWithAgent("classNotLoadedYetComesFromTheNewBuildWhenFirstLoaded");
  }

  @Test
  void changeThatIsNotBodyOnlyFailsNamingTheClassAndChangesNothing() throws Exception {
    runWithAgent("changeThatIsNotBodyOnlyFailsNamingTheClassAndChangesNothing");
  }

  @Test
  void olderVersionThatHoldsTheClassRunsTheNewBodyToo() throws Exception {
    runWithAgent("olderVersionThatHoldsTheClassRunsTheNewBodyToo");
  }

  @Test
  void inPlacePatchWithoutTheAgentIsRefusedAndCanBeRetriedAsANewLoader() {
    try (TestApplication application = new TestApplication(folder)) {
      application.start(
          application.build("app", 0, Map.of("demo.A", "package demo; public final class A {}")));

      PatchResult result =
          application.apply(
              List.of(
                  ModulePatch.inPlace(
                      application.build(
                          "app", 1, Map.of("demo.A", "package demo; public final class A {}")),
                      Set.of("demo.A"))));

      assertThat(result.ok()).isFalse();
      assertThat(result.retryAsNewLoader()).isTrue();
      assertThat(result.error())
          .contains("app@v1 is to be patched in place, which needs the hotpatch agent");
    }
  }
}
