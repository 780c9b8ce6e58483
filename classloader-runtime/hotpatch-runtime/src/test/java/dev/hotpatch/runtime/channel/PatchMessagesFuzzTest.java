package dev.hotpatch.runtime.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hotpatch.testing.JsonFuzz;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutated and random messages from serve: the parser either reads a patch or refuses with its own
 * {@link BadMessageException}, never anything else, and never hangs. Seeded, so a failure repeats.
 */
class PatchMessagesFuzzTest {
  static final int INPUTS = 20_000;

  private static final List<String> SEEDS =
      List.of(
          """
          {"type": "patch", "protocol": 5, "patchId": 4, "pid": 77, "buildId": "s.1", "modules": [
            {"name": "core", "version": 2, "classes": ["/s/core/b2"], "dependencies": [],
             "strategy": "in-place", "changedClasses": ["demo.core.Config"]},
            {"name": "app", "version": 2, "classes": ["/s/app/b3"], "dependencies": ["core"],
             "strategy": "new-loader", "renames": {"demo/App$1": "demo/App$2"},
             "removed": ["demo/App.lambda$main$0"]}]}
          """,
          "{\"type\":\"hello\",\"protocol\":5,\"sessionId\":\"s\",\"buildId\":\"s.1\",\"pid\":1}",
          "{\"type\":\"patch\",\"patchId\":1,\"modules\":[]}");

  @Test
  void noInputMakesTheParserThrowAnythingButItsOwnRefusal() {
    JsonFuzz fuzz = new JsonFuzz(8, SEEDS, List.of("patch", "modules", "classes", "../../etc"));
    JsonFuzz.Outcome outcome =
        assertTimeoutPreemptively(
            Duration.ofSeconds(120),
            () -> fuzz.run(INPUTS, PatchMessages::read, BadMessageException.class));
    // The figures of docs/reliability.md.
    System.out.printf(
        "fuzz: %d inputs, %d read, %d refused%n", INPUTS, outcome.read(), outcome.refused());
    assertThat(outcome.read() + outcome.refused()).isEqualTo(INPUTS);
    assertThat(outcome.refused()).as("refused").isGreaterThan(INPUTS / 2);
  }
}
