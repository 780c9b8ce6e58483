package dev.hotpatch.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.runtime.patch.HotRuntime;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearsalTest {
  @TempDir Path root;

  @Test
  void rehearsalPatchesItsModuleWithANewLoaderAndCarriesItsState() throws Exception {
    HotRuntime runtime = Rehearsal.rehearse(root);

    assertThat(runtime.version()).isEqualTo(1);
    ClassLoader patched = runtime.loader(Rehearsal.MODULE);
    assertThat(patched.getName()).isEqualTo(Rehearsal.MODULE + "@v1");
    Field counter =
        Class.forName("dev.hotpatch.rehearsal.State", true, patched).getDeclaredField("counter");
    counter.setAccessible(true);
    Object carried = counter.get(null);
    // Re-instanced into the new version of its class, which has a field more, with its value.
    assertThat(carried.getClass().getClassLoader()).isSameAs(patched);
    assertThat(carried.getClass().getDeclaredField("total")).isNotNull();
    Field count = carried.getClass().getDeclaredField("count");
    count.setAccessible(true);
    assertThat(count.getInt(carried)).isEqualTo(7);
  }

  @Test
  void rehearsalLeavesNoFilesBehind() throws Exception {
    long before = rehearsalFolders();

    Rehearsal.run();

    assertThat(rehearsalFolders()).isEqualTo(before);
  }

  private static long rehearsalFolders() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(file -> file.getFileName().toString().startsWith("hotpatch-rehearsal"))
          .count();
    }
  }
}
