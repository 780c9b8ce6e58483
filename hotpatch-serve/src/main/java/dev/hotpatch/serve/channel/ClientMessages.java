package dev.hotpatch.serve.channel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads and checks what the application sends: {@code hello} and {@code patch-result}, nothing
 * else. Every field is checked for presence and type and unknown fields are refused, so a peer that
 * is not our runtime (or another version of it) is told exactly what was wrong.
 */
public final class ClientMessages {
  /** The protocol this serve speaks, writes into launch.json and requires of a hello. */
  public static final int PROTOCOL = 2;

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxNumberLength(40)
                          .maxStringLength(1 << 20)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Set<String> HELLO_FIELDS =
      Set.of("type", "protocol", "sessionId", "buildId", "pid");
  private static final Set<String> RESULT_FIELDS =
      Set.of(
          "type",
          "patchId",
          "ok",
          "version",
          "loadMillis",
          "warnings",
          "error",
          "retryAsNewLoader");

  /** What the application sends. */
  sealed interface Message permits Hello, Result {}

  /** The application's first message: who it is. */
  record Hello(int protocol, String sessionId, String buildId, long pid) implements Message {}

  /** The answer to a patch; {@code json} is the whole message, checked. */
  record Result(long patchId, boolean ok, JsonNode json) implements Message {}

  private ClientMessages() {}

  /**
   * Reads one message.
   *
   * @throws RejectedMessageException saying what is wrong, naming the field or type
   */
  static Message read(String text) throws RejectedMessageException {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // Jackson's location notes name a redacted source: noise in a one-line refusal.
      String why = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*", "");
      throw new RejectedMessageException("it is not valid JSON (" + abbreviate(why) + ")");
    }
    if (message == null || !message.isObject()) {
      throw new RejectedMessageException("it is not a JSON object");
    }
    JsonNode type = message.get("type");
    if (type == null || !type.isTextual()) {
      throw new RejectedMessageException("it has no string field \"type\"");
    }
    return switch (type.asText()) {
      case "hello" -> hello(message);
      case "patch-result" -> result(message);
      default ->
          throw new RejectedMessageException(
              "it has the unknown type \""
                  + abbreviate(type.asText())
                  + "\" (the application sends \"hello\" and \"patch-result\")");
    };
  }

  private static Hello hello(JsonNode message) throws RejectedMessageException {
    onlyFields(message, HELLO_FIELDS, 0);
    long protocol = integer(message, "protocol", 0);
    if (protocol != PROTOCOL) {
      throw new RejectedMessageException(
          "the application speaks protocol "
              + protocol
              + ", this serve supports protocol "
              + PROTOCOL
              + ". Use the same hotpatch version for the plugin and the runtime");
    }
    long pid = integer(message, "pid", 0);
    if (pid <= 0) {
      throw new RejectedMessageException("field \"pid\" must be a process id from 1 on");
    }
    return new Hello(PROTOCOL, text(message, "sessionId", 0), text(message, "buildId", 0), pid);
  }

  private static Result result(JsonNode message) throws RejectedMessageException {
    long patchId = integer(message, "patchId", 0);
    if (patchId <= 0) {
      throw new RejectedMessageException("field \"patchId\" must be an integer from 1 on");
    }
    onlyFields(message, RESULT_FIELDS, patchId);
    JsonNode ok = message.get("ok");
    if (ok == null || !ok.isBoolean()) {
      throw new RejectedMessageException("field \"ok\" must be true or false", patchId);
    }
    integer(message, "loadMillis", patchId);
    if (message.has("version")) {
      integer(message, "version", patchId);
    }
    if (message.has("retryAsNewLoader") && !message.get("retryAsNewLoader").isBoolean()) {
      throw new RejectedMessageException(
          "field \"retryAsNewLoader\" must be true or false", patchId);
    }
    if (ok.asBoolean()) {
      JsonNode warnings = message.get("warnings");
      if (warnings != null) {
        if (!warnings.isArray()) {
          throw new RejectedMessageException(
              "field \"warnings\" must be an array of strings", patchId);
        }
        for (JsonNode warning : warnings) {
          if (!warning.isTextual()) {
            throw new RejectedMessageException(
                "field \"warnings\" must be an array of strings", patchId);
          }
        }
      }
    } else {
      text(message, "error", patchId);
    }
    return new Result(patchId, ok.asBoolean(), message);
  }

  private static void onlyFields(JsonNode message, Set<String> known, long patchId)
      throws RejectedMessageException {
    for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new RejectedMessageException(
            "it has the unknown field \"" + abbreviate(name) + "\"", patchId);
      }
    }
  }

  private static long integer(JsonNode message, String field, long patchId)
      throws RejectedMessageException {
    JsonNode value = message.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new RejectedMessageException(
          "field \"" + field + "\" must be an integer of at most 64 bits", patchId);
    }
    return value.asLong();
  }

  private static String text(JsonNode message, String field, long patchId)
      throws RejectedMessageException {
    JsonNode value = message.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new RejectedMessageException(
          "field \"" + field + "\" must be a non-empty string", patchId);
    }
    return value.asText();
  }

  /** A peer's text in serve's log is kept short: the log is for the user, not for the peer. */
  static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
