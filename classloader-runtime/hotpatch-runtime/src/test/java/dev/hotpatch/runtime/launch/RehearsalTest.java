package dev.hotpatch.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.runtime.patch.HotRuntime;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
    Rehearsal.run(root);

    assertThat(root).isEmptyDirectory();
  }

  @Test
  void rehearsalDeletesTheFoldersOfRehearsalsWhoseJvmIsGone() throws Exception {
    Process ended = new ProcessBuilder(javaLauncher(), "-version").start();
    assertThat(ended.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Path abandoned = root.resolve(Rehearsal.FOLDER_PREFIX + ended.pid() + "-123");
    Files.createDirectories(abandoned.resolve("v1/dev/hotpatch/rehearsal"));
    Files.write(abandoned.resolve("v1/dev/hotpatch/rehearsal/Counter.class"), new byte[] {1});
    Path running = root.resolve(Rehearsal.FOLDER_PREFIX + ProcessHandle.current().pid() + "-456");
    Files.createDirectories(running);
    Path other = Files.createDirectories(root.resolve(Rehearsal.FOLDER_PREFIX + "42"));

    Rehearsal.run(root);

    assertThat(abandoned).doesNotExist();
    assertThat(running).isDirectory();
    assertThat(other).isDirectory();
  }

  private static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
