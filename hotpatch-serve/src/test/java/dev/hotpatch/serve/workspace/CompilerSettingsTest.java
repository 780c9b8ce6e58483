package dev.hotpatch.serve.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerSettingsTest {

  private static CompilerSettings settings(
      String release, String source, String target, boolean parameters, List<String> args) {
    return new CompilerSettings(
        release,
        source,
        target,
        "UTF-8",
        true,
        null,
        parameters,
        false,
        false,
        true,
        false,
        null,
        List.of(),
        List.of(),
        args,
        null);
  }

  @Test
  void releaseWinsOverSourceAndTarget() {
    assertThat(settings("17", "11", "11", true, List.of("-Xlint:all")).javacOptions())
        .containsExactly(
            "-g", "-parameters", "--release", "17", "-encoding", "UTF-8", "-Xlint:all");
  }

  @Test
  void sourceAndTargetWithoutRelease() {
    assertThat(settings(null, "17", "17", false, List.of()).javacOptions())
        .containsExactly("-g", "-target", "17", "-source", "17", "-encoding", "UTF-8");
  }

  @Test
  void warningsOffAndFailOnWarningPassWhatMavenPasses() {
    CompilerSettings settings =
        new CompilerSettings(
            "17", null, null, null, false, null, false, true, true, false, true, "none", List.of(),
            List.of(), List.of(), null);
    assertThat(settings.javacOptions())
        .containsExactly(
            "-proc:none",
            "--enable-preview",
            "-deprecation",
            "-nowarn",
            "-Werror",
            "--release",
            "17");
  }
}
