package dev.hotpatch.maven.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerSettingsTest {

  @Test
  void releaseWinsOverSourceAndTarget() {
    CompilerSettings settings =
        new CompilerSettings("17", "11", "11", "UTF-8", true, true, List.of("-Xlint:all"));
    assertThat(settings.javacOptions())
        .containsExactly(
            "--release", "17", "-encoding", "UTF-8", "-parameters", "-g", "-Xlint:all");
  }

  @Test
  void sourceAndTargetWithoutRelease() {
    CompilerSettings settings =
        new CompilerSettings(null, "17", "17", null, false, false, List.of());
    assertThat(settings.javacOptions()).containsExactly("-source", "17", "-target", "17");
  }
}
