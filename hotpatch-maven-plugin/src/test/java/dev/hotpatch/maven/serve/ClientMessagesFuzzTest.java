package dev.hotpatch.maven.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
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
          "{\"type\":\"hello\",\"protocol\":2,\"sessionId\":\"s\",\"buildId\":\"s.1\",\"pid\":77}",
          "{\"type\":\"patch-result\",\"patchId\":3,\"ok\":true,\"version\":3,\"loadMillis\":14,"
              + "\"warnings\":[\"a\",\"b\"]}",
          "{\"type\":\"patch-result\",\"patchId\":4,\"ok\":false,\"version\":2,\"loadMillis\":3,"
              + "\"error\":\"Cannot patch\",\"retryAsNewLoader\":true}");

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
    "\"hello\"",
    "\"patch-result\"",
    "\"ok\"",
    "\"pid\"",
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

  private static int[] fuzz(Random random) {
    int read = 0;
    int refused = 0;
    for (int i = 0; i < INPUTS; i++) {
      String input =
          i % 10 == 0
              ? randomText(random)
              : mutate(random, SEEDS.get(random.nextInt(SEEDS.size())));
      try {
        ClientMessages.read(input);
        read++;
      } catch (RejectedMessageException expected) {
        refused++;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("Input " + i + " broke the parser: " + input, e);
      }
    }
    return new int[] {read, refused};
  }

  private static String mutate(Random random, String seed) {
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

  private static String randomText(Random random) {
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
}
