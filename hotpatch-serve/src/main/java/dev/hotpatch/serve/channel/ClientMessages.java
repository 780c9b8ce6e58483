package dev.hotpatch.serve.channel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.Limits;
import dev.hotpatch.protocol.MessageType;
import dev.hotpatch.protocol.Protocol;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks what the application sends: {@code hello} and {@code patch-result}, nothing
 * else. Every field is checked for presence and type and unknown fields are refused, so a peer that
 * is not our runtime (or another version of it) is told exactly what was wrong.
 */
final class ClientMessages {
  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(Limits.JSON_MAX_NESTING_DEPTH)
                          .maxNumberLength(Limits.JSON_MAX_NUMBER_LENGTH)
                          .maxStringLength(Limits.JSON_MAX_STRING_LENGTH)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

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
    JsonNode type = message.get(Fields.TYPE);
    if (type == null || !type.isTextual()) {
      throw new RejectedMessageException("it has no string field \"type\"");
    }
    Optional<MessageType> known = MessageType.named(type.asText());
    if (known.isPresent() && known.get() == MessageType.HELLO) {
      return hello(message);
    }
    if (known.isPresent() && known.get() == MessageType.PATCH_RESULT) {
      return result(message);
    }
    throw new RejectedMessageException(
        "it has the unknown type \""
            + abbreviate(type.asText())
            + "\" (the application sends \"hello\" and \"patch-result\")");
  }

  private static Hello hello(JsonNode message) throws RejectedMessageException {
    onlyFields(message, MessageType.HELLO.fields(), 0);
    long protocol = integer(message, Fields.PROTOCOL, 0);
    if (protocol != Protocol.VERSION) {
      throw new RejectedMessageException(
          "the application speaks protocol "
              + protocol
              + ", this serve supports protocol "
              + Protocol.VERSION
              + ". Use the same hotpatch version for the plugin and the runtime");
    }
    long pid = integer(message, Fields.PID, 0);
    if (pid <= 0) {
      throw new RejectedMessageException("field \"pid\" must be a process id from 1 on");
    }
    return new Hello(
        Protocol.VERSION,
        text(message, Fields.SESSION_ID, 0),
        text(message, Fields.BUILD_ID, 0),
        pid);
  }

  private static Result result(JsonNode message) throws RejectedMessageException {
    long patchId = integer(message, Fields.PATCH_ID, 0);
    if (patchId <= 0) {
      throw new RejectedMessageException("field \"patchId\" must be an integer from 1 on");
    }
    onlyFields(message, MessageType.PATCH_RESULT.fields(), patchId);
    JsonNode ok = message.get(Fields.OK);
    if (ok == null || !ok.isBoolean()) {
      throw new RejectedMessageException("field \"ok\" must be true or false", patchId);
    }
    integer(message, Fields.LOAD_MILLIS, patchId);
    if (message.has(Fields.VERSION)) {
      integer(message, Fields.VERSION, patchId);
    }
    if (message.has(Fields.RETRY_AS_NEW_LOADER)
        && !message.get(Fields.RETRY_AS_NEW_LOADER).isBoolean()) {
      throw new RejectedMessageException(
          "field \"retryAsNewLoader\" must be true or false", patchId);
    }
    if (ok.asBoolean()) {
      JsonNode warnings = message.get(Fields.WARNINGS);
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
      JsonNode stale = message.get(Fields.STALE_RESOURCES);
      if (stale != null) {
        for (JsonNode entry : stale.isArray() ? stale : List.<JsonNode>of(stale)) {
          if (!entry.isObject()
              || !entry.path(Fields.MODULE).isTextual()
              || !entry.path(Fields.NAME).isTextual()
              || !entry.path(Fields.READER).isTextual()) {
            throw new RejectedMessageException(
                "field \"staleResources\" must be an array of objects with the strings"
                    + " \"module\", \"name\" and \"reader\"",
                patchId);
          }
        }
      }
    } else {
      text(message, Fields.ERROR, patchId);
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
