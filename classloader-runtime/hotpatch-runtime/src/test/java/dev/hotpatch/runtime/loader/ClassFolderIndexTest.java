package dev.hotpatch.runtime.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.testing.LayerFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFolderIndexTest {
  @TempDir Path dir;

  private Path layer(String name, String... files) throws Exception {
    return LayerFolders.write(dir.resolve(name), files);
  }

  @Test
  void aNewerLayerWinsAndHidesWhatItDeleted() throws Exception {
    Path base = layer("b0", "lib/A.class", "lib/Gone.class", "app.properties");
    Path patch = layer("b1", "lib/A.class");

    ClassFolderIndex index =
        ClassFolderIndex.of(List.of(patch, base), List.of(Set.of("lib/Gone.class"), Set.of()));

    assertThat(index.classFile("lib.A").path()).isEqualTo(patch.resolve("lib/A.class"));
    assertThat(index.all("lib/A.class")).hasSize(2);
    assertThat(index.classFile("lib.Gone")).isNull();
    assertThat(index.first("app.properties").path()).isEqualTo(base.resolve("app.properties"));
    assertThat(index.classNames()).containsExactly("lib.A");
  }

  @Test
  void aClassDeletedReaddedAndRevertedStillResolvesAfter100Patches() throws Exception {
    List<Path> folders = new ArrayList<>(List.of(layer("b0", "lib/Keep.class", "lib/Gone.class")));
    List<Set<String>> deleted = new ArrayList<>(List.of(Set.of()));
    ClassFolderIndex index = ClassFolderIndex.of(folders, deleted);
    for (int patch = 1; patch <= 100; patch++) {
      boolean present = patch % 3 != 1;
      Path layer =
          present
              ? layer("b" + patch, "lib/Keep.class", "lib/Gone.class")
              : layer("b" + patch, "lib/Keep.class");
      folders.add(0, layer);
      deleted.add(0, present ? Set.of() : Set.of("lib/Gone.class"));

      index = index.next(folders, deleted);

      assertThat(index.classFile("lib.Keep").path()).isEqualTo(layer.resolve("lib/Keep.class"));
      if (present) {
        assertThat(index.classFile("lib.Gone").path()).isEqualTo(layer.resolve("lib/Gone.class"));
      } else {
        assertThat(index.classFile("lib.Gone")).as("patch %d", patch).isNull();
      }
      assertThat(index.layers()).hasSize(patch + 1);
    }
    ClassFolderIndex whole = ClassFolderIndex.of(folders, deleted);
    assertThat(whole.classNames()).isEqualTo(index.classNames());
    assertThat(whole.classFile("lib.Keep")).isEqualTo(index.classFile("lib.Keep"));
  }

  @Test
  void anIndexOfAnotherChainIsReadAgain() throws Exception {
    Path base = layer("b0", "lib/A.class");
    Path one = layer("b1", "lib/A.class");
    Path other = layer("b2", "lib/B.class");
    ClassFolderIndex first = ClassFolderIndex.of(List.of(one, base));

    ClassFolderIndex next = first.next(List.of(other, base), List.of());

    assertThat(next.classFile("lib.A").path()).isEqualTo(base.resolve("lib/A.class"));
    assertThat(next.classFile("lib.B").path()).isEqualTo(other.resolve("lib/B.class"));
  }

  @Test
  void layersFoldedAboveTheBottomOneAreReadWithoutReadingTheBottomOneAgain() throws Exception {
    Path base = layer("b0", "lib/A.class", "lib/B.class", "lib/C.class");
    Path one = layer("b1", "lib/A.class");
    Path two = layer("b2", "lib/D.class");
    ClassFolderIndex first =
        ClassFolderIndex.of(
            List.of(two, one, base), List.of(Set.of(), Set.of("lib/B.class"), Set.of()));
    Path folded = layer("c3", "lib/A.class", "lib/D.class");
    // Had the bottom layer been read again, C would be gone from the index.
    Files.delete(base.resolve("lib/C.class"));

    ClassFolderIndex next = first.next(List.of(folded, base), List.of(Set.of(), Set.of()));

    assertThat(next.layers()).containsExactly(base, folded);
    assertThat(next.classFile("lib.A").path()).isEqualTo(folded.resolve("lib/A.class"));
    assertThat(next.classFile("lib.B").path()).isEqualTo(base.resolve("lib/B.class"));
    assertThat(next.classFile("lib.C").path()).isEqualTo(base.resolve("lib/C.class"));
    assertThat(next.all("lib/A.class")).hasSize(2);
    assertThat(next.classNames()).containsExactly("lib.A", "lib.B", "lib.C", "lib.D");
  }
}
