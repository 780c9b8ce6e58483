package dev.hotpatch.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
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
          {"type": "patch", "protocol": 2, "patchId": 4, "pid": 77, "buildId": "s.1", "modules": [
            {"name": "core", "version": 2, "classes": ["/s/core/b2"], "dependencies": [],
             "strategy": "in-place", "changedClasses": ["demo.core.Config"]},
            {"name": "app", "version": 2, "classes": ["/s/app/b3"], "dependencies": ["core"],
             "strategy": "new-loader", "renames": {"demo/App$1": "demo/App$2"},
             "removed": ["demo/App.lambda$main$0"]}]}
          """,
          "{\"type\":\"hello\",\"protocol\":2,\"sessionId\":\"s\",\"buildId\":\"s.1\",\"pid\":1}",
          "{\"type\":\"patch\",\"patchId\":1,\"modules\":[]}");

  private static final String[] TOKENS = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "null",
    "true",
    "-1",
    "1e999",
    "9999999999999999999999",
    "0.5",
    "\"patch\"",
    "\"modules\"",
    "\"classes\"",
    "\"../../etc\"",
    "\u0000",
    "\uD800",
    "{\"a\":",
  };

  @Test
  void noInputMakesTheParserThrowAnythingButItsOwnRefusal() {
    int[] outcomes = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fuzz(new Random(8)));
    // The figures of docs/reliability.md.
    System.out.printf("fuzz: %d inputs, %d read, %d refused%n", INPUTS, outcomes[0], outcomes[1]);
    assertThat(outcomes[0] + outcomes[1]).isEqualTo(INPUTS);
    assertThat(outcomes[1]).as("refused").isGreaterThan(INPUTS / 2);
  }

  /** Returns how many inputs were read as patches and how many were refused. */
  private static int[] fuzz(Random random) {
    int read = 0;
    int refused = 0;
    for (int i = 0; i < INPUTS; i++) {
      String input = i % 10 == 0 ? randomText(random) : mutate(random, pick(random, SEEDS));
      try {
        PatchMessages.read(input);
        read++;
      } catch (BadMessageException expected) {
        refused++;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("Input " + i + " broke the parser: " + input, e);
      }
    }
    return new int[] {read, refused};
  }

  static String mutate(Random random, String seed) {
    StringBuilder text = new StringBuilder(seed);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && text.length() > 0; e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(5)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
        case 2 -> text.setCharAt(at, (char) random.nextInt(128));
        case 3 -> text.setLength(at);
        default -> text.insert(at, text.substring(at, Math.min(text.length(), at + 20)));
      }
    }
    return text.toString();
  }

  static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(200);
    for (int i = 0; i < length; i++) {
      text.append(
          random.nextBoolean()
              ? TOKENS[random.nextInt(TOKENS.length)]
              : String.valueOf((char) random.nextInt(0x3000)));
    }
    return text.toString();
  }

  private static String pick(Random random, List<String> seeds) {
    return seeds.get(random.nextInt(seeds.size()));
  }
}
