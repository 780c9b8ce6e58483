package dev.hotpatch.runtime.callsite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UnwindingTest {
  /**
   * A frame of the runtime between a {@code Hot.call} and its body must not count as the body's: a
   * package added to the runtime without being listed would change which code unwinding abandons.
   */
  @Test
  void everyPackageOfTheRuntimeButBootCountsAsItsOwnFrames()
      throws IOException, URISyntaxException {
    Path classes =
        Path.of(Unwinding.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes.resolve("dev/hotpatch/runtime"))) {
      files
          .filter(file -> file.toString().endsWith(".class"))
          .map(file -> classes.relativize(file.getParent()).toString().replace('/', '.'))
          .forEach(packages::add);
    }
    packages.remove("dev.hotpatch.runtime");
    packages.remove("dev.hotpatch.runtime.boot");

    assertThat(packages).contains("dev.hotpatch.runtime.callsite");
    assertThat(Unwinding.RUNTIME_PACKAGES).containsExactlyInAnyOrderElementsOf(packages);
  }
}
