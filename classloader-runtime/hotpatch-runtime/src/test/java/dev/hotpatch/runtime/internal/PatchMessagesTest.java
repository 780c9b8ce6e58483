package dev.hotpatch.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.PatchResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchMessagesTest {
  @Test
  void helloNamesProtocolSessionAndProcess() {
    assertThat(PatchMessages.hello("a1b2c3", 77))
        .isEqualTo("{\"type\":\"hello\",\"protocol\":1,\"sessionId\":\"a1b2c3\",\"pid\":77}");
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
        PatchMessages.read(
            """
            {"type": "patch", "patchId": 9, "modules": [
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
  void unknownTypeIsRefusedWithoutPatchNumber() {
    assertThatThrownBy(() -> PatchMessages.read("{\"type\": \"reboot\"}"))
        .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.patchId()).isEmpty())
        .hasMessageContaining("unknown type \"reboot\"");
  }

  @Test
  void patchWithBadModulesIsRefusedUnderItsNumber() {
    assertThatThrownBy(
            () -> PatchMessages.read("{\"type\": \"patch\", \"patchId\": 5, \"modules\": 3}"))
        .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.patchId()).hasValue(5))
        .hasMessage(
            "Patch 5 refused: its message is unusable: field \"modules\" must be an array of"
                + " modules.");
  }
}
