package dev.hotpatch.serve.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.serve.build.Layer;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.testing.LayerFolders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerContentTest {
  @TempDir Path dir;

  private Path folder(String name, String... files) throws Exception {
    return LayerFolders.write(dir.resolve(name), files);
  }

  private static ModuleBuild build(int version, Layer... layers) {
    return new ModuleBuild("lib", version, List.of(layers), List.of(), ModuleSnapshot.of(Map.of()));
  }

  @Test
  void aNewerVersionSendsTheLayersItAddedFoldedIntoOne() throws Exception {
    Layer bottom = Layer.of(folder("b0", "lib/A.class", "lib/B.class"));
    Layer one = new Layer(folder("b1", "lib/A.class"), Set.of("lib/B.class"));
    Layer two = Layer.of(folder("b2", "lib/C.class"));

    LayerContent content = LayerContent.between(build(1, one, bottom), build(2, two, one, bottom));

    assertThat(content.files()).containsOnlyKeys("lib/C.class");
    assertThat(content.deleted()).isEmpty();
    assertThat(content.whole()).isFalse();
  }

  @Test
  void afterServeFoldedTheUpperLayersTheApplicationsOwnAreUndoneFromTheBottomOne()
      throws Exception {
    Layer bottom = Layer.of(folder("b0", "lib/A.class", "lib/B.class"));
    Layer one = new Layer(folder("b1", "lib/A.class"), Set.of("lib/B.class"));
    Layer two = Layer.of(folder("b2", "lib/C.class"));
    // The fold of one, two and a third layer that wrote A again, put B back and deleted C.
    Layer folded = Layer.of(folder("c3", "lib/A.class"));

    LayerContent content =
        LayerContent.between(build(2, two, one, bottom), build(3, folded, bottom));

    assertThat(content.files())
        .containsOnly(
            Map.entry("lib/A.class", folded.folder().resolve("lib/A.class")),
            Map.entry("lib/B.class", bottom.folder().resolve("lib/B.class")));
    assertThat(content.deleted()).containsExactly("lib/C.class");
    assertThat(content.whole()).isFalse();
  }

  @Test
  void anotherBottomLayerSendsEveryFile() throws Exception {
    Layer bottom = Layer.of(folder("b0", "lib/A.class"));
    Layer other = Layer.of(folder("x0", "lib/A.class", "lib/B.class"));

    LayerContent content = LayerContent.between(build(1, bottom), build(2, other));

    assertThat(content.whole()).isTrue();
    assertThat(content.files()).containsOnlyKeys("lib/A.class", "lib/B.class");
  }
}
