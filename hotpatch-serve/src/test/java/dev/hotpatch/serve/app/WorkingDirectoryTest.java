package dev.hotpatch.serve.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.serve.ServeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingDirectoryTest {
  @TempDir Path root;

  @Test
  void byDefaultTheApplicationRunsInTheReactorRoot() throws Exception {
    assertThat(WorkingDirectory.resolve(root, null)).isEqualTo(root);
  }

  @Test
  void aRelativeFolderIsResolvedAgainstTheReactorRoot() throws Exception {
    Files.createDirectories(root.resolve("run/here"));
    assertThat(WorkingDirectory.resolve(root, Path.of("run/here")))
        .isEqualTo(root.resolve("run/here"));
    assertThat(WorkingDirectory.resolve(root, root.resolve("run"))).isEqualTo(root.resolve("run"));
  }

  @Test
  void aMissingFolderIsAnErrorNamingTheParameter() {
    assertThatThrownBy(() -> WorkingDirectory.resolve(root, Path.of("nowhere")))
        .isInstanceOf(ServeException.class)
        .hasMessage(
            "Working directory not found: "
                + root.resolve("nowhere")
                + " (hotpatch.workingDirectory=nowhere, relative to the reactor root). Create the"
                + " folder, or set hotpatch.workingDirectory to an existing one.");
  }
}
