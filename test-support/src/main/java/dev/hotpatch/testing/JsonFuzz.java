package dev.hotpatch.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded inputs for fuzzing a JSON message parser: mostly valid messages with a few edits (deleted
 * characters, inserted JSON tokens, truncation, repeated runs), and every tenth one random text.
 * Both ends of the patch channel fuzz their parser with it (both depend on this module in test
 * scope).
 */
public final class JsonFuzz {
  /** Parses one input; throws {@code refusal} for what it does not accept. */
  @FunctionalInterface
  public interface Parser {
    void parse(String input) throws Exception;
  }

  /** How many inputs the parser read and how many it refused. */
  public record Outcome(int read, int refused) {}

  private static final List<String> TOKENS =
      List.of(
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
          "\u0000",
          "\uD800",
          "{\"a\":");

  private final Random random;
  private final List<String> seeds;
  private final List<String> tokens = new ArrayList<>(TOKENS);

  /**
   * @param seeds valid messages to mutate
   * @param fieldTokens field names and values of the protocol, inserted as tokens (quoted)
   */
  public JsonFuzz(long seed, List<String> seeds, List<String> fieldTokens) {
    this.random = new Random(seed);
    this.seeds = List.copyOf(seeds);
    fieldTokens.forEach(t -> tokens.add('"' + t + '"'));
  }

  /**
   * Runs {@code inputs} inputs through {@code parser}.
   *
   * @throws AssertionError naming the input when the parser throws anything but {@code refusal}
   */
  public Outcome run(int inputs, Parser parser, Class<? extends Exception> refusal) {
    int read = 0;
    int refused = 0;
    for (int i = 0; i < inputs; i++) {
      String input = i % 10 == 0 ? randomText() : mutate(seeds.get(random.nextInt(seeds.size())));
      try {
        parser.parse(input);
        read++;
      } catch (Exception e) {
        if (!refusal.isInstance(e)) {
          throw new AssertionError("Input " + i + " broke the parser: " + input, e);
        }
        refused++;
      } catch (StackOverflowError e) {
        throw new AssertionError("Input " + i + " broke the parser: " + input, e);
      }
    }
    return new Outcome(read, refused);
  }

  private String mutate(String seed) {
    StringBuilder text = new StringBuilder(seed);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && text.length() > 0; e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(5)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, token());
        case 2 -> text.setCharAt(at, (char) random.nextInt(128));
        case 3 -> text.setLength(at);
        default -> text.insert(at, text.substring(at, Math.min(text.length(), at + 20)));
      }
    }
    return text.toString();
  }

  private String randomText() {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(200);
    for (int i = 0; i < length; i++) {
      text.append(random.nextBoolean() ? token() : String.valueOf((char) random.nextInt(0x3000)));
    }
    return text.toString();
  }

  private String token() {
    return tokens.get(random.nextInt(tokens.size()));
  }
}
