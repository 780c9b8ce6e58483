package dev.hotpatch.runtime.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InlineLayersTest {
  @TempDir Path folder;

  private final ModuleVersion lib =
      new ModuleVersion(
          "lib",
          2,
          List.of(Path.of("/bundle/layers/lib/1"), Path.of("/bundle/modules/lib")),
          List.of(Set.of("lib/Old.class"), Set.of()),
          List.of());

  private InlineLayers layers() {
    return new InlineLayers(folder.resolve("layers"), () -> List.of(lib));
  }

  private static ModulePatch patchOfLib(int version) {
    return ModulePatch.newLoader(new ModuleVersion("lib", version, List.of(), List.of()));
  }

  @Test
  void aLayerIsWrittenAndBecomesTheNewestLayerOfTheModulesCurrentVersion() throws Exception {
    InlineLayer layer =
        new InlineLayer(
            Map.of("lib/Greeter.class", "v3".getBytes(StandardCharsets.UTF_8)),
            Set.of("lib/Gone.class"),
            false);

    ModuleVersion written =
        layers().write(7, List.of(patchOfLib(3)), Map.of("lib", layer)).get(0).module();

    assertThat(written.version()).isEqualTo(3);
    // A version serve numbers below the running one (a new serve session) still comes after it.
    assertThat(
            layers()
                .write(8, List.of(patchOfLib(1)), Map.of("lib", layer))
                .get(0)
                .module()
                .version())
        .isEqualTo(3);
    assertThat(written.classes()).hasSize(3);
    assertThat(written.classes().subList(1, 3)).isEqualTo(lib.classes());
    assertThat(written.classes().get(0)).startsWith(folder.resolve("layers/lib"));
    assertThat(Files.readString(written.classes().get(0).resolve("lib/Greeter.class")))
        .isEqualTo("v3");
    assertThat(written.deleted())
        .containsExactly(Set.of("lib/Gone.class"), Set.of("lib/Old.class"), Set.of());
  }

  @Test
  void anEmptyLayerKeepsTheCurrentLayersAndAWholeOneReplacesThem() throws Exception {
    ModuleVersion cascade =
        layers()
            .write(
                8,
                List.of(patchOfLib(3)),
                Map.of("lib", new InlineLayer(Map.of(), Set.of(), false)))
            .get(0)
            .module();
    assertThat(cascade.classes()).isEqualTo(lib.classes());

    ModuleVersion whole =
        layers()
            .write(
                9,
                List.of(patchOfLib(3)),
                Map.of(
                    "lib", new InlineLayer(Map.of("lib/A.class", new byte[] {1}), Set.of(), true)))
            .get(0)
            .module();
    assertThat(whole.classes()).hasSize(1);
  }

  @Test
  void aFileNameThatLeavesItsFolderIsRefusedAndNothingIsWrittenOutsideIt() {
    for (String name :
        List.of("../../evil.class", "/etc/evil", "lib/./A.class", "lib//A.class", "a\\b")) {
      InlineLayer layer = new InlineLayer(Map.of(name, new byte[] {1}), Set.of(), false);
      assertThatThrownBy(() -> layers().write(5, List.of(patchOfLib(3)), Map.of("lib", layer)))
          .isInstanceOf(BadMessageException.class)
          .hasMessageContaining("Patch 5 refused: its layer names the file \"" + name + "\"");
    }
    assertThat(folder.resolve("evil.class")).doesNotExist();
  }

  @Test
  void aModuleTheApplicationDoesNotLoadTakesAWholeLayer() {
    ModulePatch other = ModulePatch.newLoader(new ModuleVersion("other", 1, List.of(), List.of()));
    InlineLayer layer = new InlineLayer(Map.of("o/A.class", new byte[] {1}), Set.of(), false);

    assertThatThrownBy(() -> layers().write(6, List.of(other), Map.of("other", layer)))
        .hasMessageContaining("module other is not loaded here");
  }

  @Test
  void theLayerOfAPatchMessageIsReadFromBase64AndNamesNoFolder() throws Exception {
    String message =
        "{\"type\":\"patch\",\"protocol\":"
            + dev.hotpatch.protocol.Protocol.VERSION
            + ",\"patchId\":3,\"pid\":1,\"buildId\":\"b\",\"modules\":[{\"name\":\"lib\","
            + "\"version\":3,\"classes\":[],\"dependencies\":[],\"layer\":{\"files\":"
            + "{\"lib/A.class\":\""
            + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xCA, (byte) 0xFE})
            + "\"},\"deleted\":[\"lib/B.class\"]}}]}";

    PatchMessages.Patch patch = (PatchMessages.Patch) PatchMessages.read(message);

    InlineLayer layer = patch.layers().get("lib");
    assertThat(layer.files().get("lib/A.class")).containsExactly(0xCA, 0xFE);
    assertThat(layer.deleted()).containsExactly("lib/B.class");
    assertThatThrownBy(
            () ->
                PatchMessages.read(
                    message.replace(
                        "\"classes\":[]", "\"classes\":[\"/work/lib/target/classes\"]")))
        .hasMessageContaining("a module with a \"layer\" names no folders in \"classes\"");
  }
}
