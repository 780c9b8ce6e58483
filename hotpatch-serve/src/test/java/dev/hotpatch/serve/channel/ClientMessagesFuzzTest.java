package dev.hotpatch.serve.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hotpatch.testing.JsonFuzz;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutated and random messages from the application's connection: serve's parser either reads a
 * message or refuses with its own {@link RejectedMessageException}, never anything else, and never
 * hangs. Seeded, so a failure repeats.
 */
class ClientMessagesFuzzTest {
  static final int INPUTS = 20_000;

  private static final List<String> SEEDS =
      List.of(
          "{\"type\":\"hello\",\"protocol\":5,\"sessionId\":\"s\",\"buildId\":\"s.1\",\"pid\":77}",
          "{\"type\":\"patch-result\",\"patchId\":3,\"ok\":true,\"version\":3,\"loadMillis\":14,"
              + "\"warnings\":[\"a\",\"b\"]}",
          "{\"type\":\"patch-result\",\"patchId\":4,\"ok\":false,\"version\":2,\"loadMillis\":3,"
              + "\"error\":\"Cannot patch\",\"retryAsNewLoader\":true}");

  @Test
  void noInputMakesTheParserThrowAnythingButItsOwnRefusal() {
    JsonFuzz fuzz = new JsonFuzz(8, SEEDS, List.of("hello", "patch-result", "ok", "pid"));
    JsonFuzz.Outcome outcome =
        assertTimeoutPreemptively(
            Duration.ofSeconds(120),
            () -> fuzz.run(INPUTS, ClientMessages::read, RejectedMessageException.class));
    // The figures of docs/reliability.md.
    System.out.printf(
        "fuzz: %d inputs, %d read, %d refused%n", INPUTS, outcome.read(), outcome.refused());
    assertThat(outcome.read() + outcome.refused()).isEqualTo(INPUTS);
    assertThat(outcome.refused()).as("refused").isGreaterThan(INPUTS / 2);
  }
}
