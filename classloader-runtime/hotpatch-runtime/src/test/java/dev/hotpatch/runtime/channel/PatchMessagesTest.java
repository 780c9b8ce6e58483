package dev.hotpatch.runtime.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.PatchResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatchMessagesTest {
  @Test
  void helloNamesProtocolSessionAndProcess() {
    assertThat(PatchMessages.hello("a1b2c3", "a1b2c3.1", 77, null))
        .isEqualTo(
            "{\"type\":\"hello\",\"protocol\":5,\"sessionId\":\"a1b2c3\","
                + "\"buildId\":\"a1b2c3.1\",\"pid\":77}");
  }

  @Test
  void aRemoteApplicationsHelloSaysWhatItHasOfEachModule() {
    assertThat(
            PatchMessages.hello(
                "a1b2c3", "a1b2c3.bundle", 77, Map.of("lib", Map.of("lib/A.class", "0011"))))
        .endsWith("\"pid\":77,\"content\":{\"lib\":{\"lib/A.class\":\"0011\"}}}");
  }

  @Test
  void appliedPatchAnswersWithWarningsAndNoError() {
    assertThat(PatchMessages.result(PatchResult.applied(3, 2, 14, List.of("a \"quoted\" note"))))
        .isEqualTo(
            "{\"type\":\"patch-result\",\"patchId\":3,\"ok\":true,\"version\":2,"
                + "\"loadMillis\":14,\"warnings\":[\"a \\\"quoted\\\" note\"]}");
  }

  @Test
  void failedPatchAnswersWithErrorAndNoWarnings() {
    assertThat(PatchMessages.result(PatchResult.failed(4, 5, "Static initializer failed")))
        .isEqualTo(
            "{\"type\":\"patch-result\",\"patchId\":4,\"ok\":false,\"loadMillis\":5,"
                + "\"error\":\"Static initializer failed\"}");
  }

  @Test
  void patchIsReadWithItsModules() throws Exception {
    PatchMessages.Patch patch =
        (PatchMessages.Patch)
            PatchMessages.read(
                """
            {"type": "patch", "protocol": 5, "pid": 1, "buildId": "b", "patchId": 9, "modules": [
              {"name": "core", "version": 2, "classes": ["/s/core/v2"], "dependencies": []}
            ]}
            """);

    assertThat(patch.patchId()).isEqualTo(9);
    assertThat(patch.modules())
        .containsExactly(
            ModulePatch.newLoader(
                new ModuleVersion("core", 2, List.of(Path.of("/s/core/v2")), List.of())));
  }

  @Test
  void patchCarriesStrategyChangedClassesRenamesAndRemovals() throws Exception {
    PatchMessages.Patch patch =
        (PatchMessages.Patch)
            PatchMessages.read(
                """
            {"type": "patch", "protocol": 5, "pid": 1, "buildId": "b", "patchId": 4, "modules": [
              {"name": "core", "version": 2, "classes": ["/s/core/v2"], "dependencies": [],
               "strategy": "in-place", "changedClasses": ["demo.core.Config"]},
              {"name": "app", "version": 2, "classes": ["/s/app/v2"], "dependencies": ["core"],
               "strategy": "new-loader",
               "renames": {"demo/App.lambda$main$0": "demo/App.lambda$main$1"},
               "removed": ["demo/App$1"]}
            ]}
            """);

    assertThat(patch.modules())
        .containsExactly(
            ModulePatch.inPlace(
                new ModuleVersion("core", 2, List.of(Path.of("/s/core/v2")), List.of()),
                Set.of("demo.core.Config")),
            ModulePatch.newLoader(
                new ModuleVersion("app", 2, List.of(Path.of("/s/app/v2")), List.of("core")),
                Map.of("demo/App.lambda$main$0", "demo/App.lambda$main$1"),
                Set.of("demo/App$1")));
  }

  @Test
  void unknownStrategyIsRefusedUnderThePatchNumber() {
    assertThatThrownBy(
            () ->
                PatchMessages.read(
                    """
                    {"type": "patch", "protocol": 5, "pid": 1, "buildId": "b", "patchId": 6, "modules": [{"name": "core", "version": 2,
                      "classes": [], "dependencies": [], "strategy": "restart"}]}
                    """))
        .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.patchId()).hasValue(6))
        .hasMessageContaining("field \"strategy\" must be \"new-loader\" or \"in-place\"");
  }

  @Test
  void inPlaceFailureAsksForANewLoader() {
    assertThat(
            PatchMessages.result(PatchResult.failed(7, 3, 2, "Cannot patch demo.A in place", true)))
        .isEqualTo(
            "{\"type\":\"patch-result\",\"patchId\":7,\"ok\":false,\"version\":3,"
                + "\"loadMillis\":2,\"error\":\"Cannot patch demo.A in place\","
                + "\"retryAsNewLoader\":true}");
  }

  @Test
  void unknownTypeIsRefusedWithoutPatchNumber() {
    assertThatThrownBy(() -> PatchMessages.read("{\"type\": \"reboot\"}"))
        .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.patchId()).isEmpty())
        .hasMessageContaining("unknown type \"reboot\"");
  }

  @Test
  void patchWithBadModulesIsRefusedUnderItsNumber() {
    assertThatThrownBy(
            () ->
                PatchMessages.read(
                    "{\"type\": \"patch\", \"protocol\": 5, \"pid\": 1, \"buildId\": \"b\","
                        + " \"patchId\": 5, \"modules\": 3}"))
        .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.patchId()).hasValue(5))
        .hasMessage(
            "Patch 5 refused: its message is unusable: field \"modules\" must be an array of"
                + " modules.");
  }

  @Test
  void patchOfAnotherProtocolIsRefusedNamingTheSupportedOne() {
    assertThatThrownBy(
            () ->
                PatchMessages.read(
                    "{\"type\": \"patch\", \"protocol\": 1, \"patchId\": 8, \"modules\": []}"))
        .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.patchId()).hasValue(8))
        .hasMessageStartingWith(
            "Patch 8 refused: serve speaks protocol 1, this runtime supports protocol "
                + Protocol.VERSION
                + " only.");
  }

  @Test
  void unknownFieldIsRefusedByName() {
    assertThatThrownBy(
            () ->
                PatchMessages.read(
                    """
                    {"type": "patch", "protocol": 5, "pid": 1, "buildId": "b", "patchId": 9,
                     "modules": [], "exec": "rm -rf /"}
                    """))
        .hasMessage("Patch 9 refused: its message is unusable: it has the unknown field \"exec\".");
  }

  @Test
  void repeatedFieldIsRefused() {
    assertThatThrownBy(
            () -> PatchMessages.read("{\"type\": \"patch\", \"patchId\": 1, \"patchId\": 2}"))
        .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.patchId()).isEmpty())
        .hasMessageContaining("Duplicate field 'patchId'");
  }

  @Test
  void deeplyNestedJsonIsRefusedByTheParser() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThatThrownBy(() -> PatchMessages.read("{\"type\": " + deep + "}"))
        .isInstanceOf(BadMessageException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void patchNumberMustBePositive() {
    assertThatThrownBy(() -> PatchMessages.read("{\"type\": \"patch\", \"patchId\": 0}"))
        .hasMessageContaining("\"patchId\" must be an integer from 1 on");
  }
}
