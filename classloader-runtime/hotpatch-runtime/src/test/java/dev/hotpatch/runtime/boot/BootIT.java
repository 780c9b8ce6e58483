package dev.hotpatch.runtime.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Boot from the shaded runtime jar, with the command line of the protocol page. */
class BootIT extends BootScenarios {
  @Override
  List<String> runtimeCommand() {
    Path jar = Path.of(System.getProperty("hotpatch.runtime.jar", "target/missing.jar"));
    assertThat(jar).as("the packaged runtime jar").exists();
    assertThat(Files.isRegularFile(jar)).isTrue();
    return List.of(java(), "-javaagent:" + jar, "-cp", jar.toString());
  }
}
