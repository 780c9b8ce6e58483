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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks what the application sends: {@code hello}, {@code patch-result}, {@code
 * restart-result} and {@code app-failed}, nothing else. Every field is checked for presence and
 * type and unknown fields are refused, so a peer that is not our runtime (or another version of it)
 * is told exactly what was wrong.
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
  sealed interface Message permits Hello, Result, AppFailed {}

  /** The application's first message: who it is. */
  /**
   * @param content what a remote application has of each module: file names with the first 64 bits
   *     of their SHA-256, by module; null for a local application
   */
  record Hello(
      int protocol,
      String sessionId,
      String buildId,
      long pid,
      Map<String, Map<String, String>> content)
      implements Message {}

  /** The answer to a patch or a restart; {@code json} is the whole message, checked. */
  record Result(long patchId, boolean ok, JsonNode json) implements Message {}

  /**
   * The main method of {@code buildId}, started by a warm restart, threw {@code error}; {@code
   * fallback}, when not null, says why only a new JVM can start it.
   */
  record AppFailed(String buildId, String error, String fallback) implements Message {}

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
    if (known.isPresent() && known.get() == MessageType.RESTART_RESULT) {
      return restartResult(message);
    }
    if (known.isPresent() && known.get() == MessageType.APP_FAILED) {
      onlyFields(message, MessageType.APP_FAILED.fields(), 0);
      return new AppFailed(
          text(message, Fields.BUILD_ID, 0),
          text(message, Fields.ERROR, 0),
          message.has(Fields.FALLBACK) ? text(message, Fields.FALLBACK, 0) : null);
    }
    throw new RejectedMessageException(
        "it has the unknown type \""
            + abbreviate(type.asText())
            + "\" (the application sends \"hello\", \"patch-result\", \"restart-result\" and"
            + " \"app-failed\")");
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
        pid,
        content(message.get(Fields.CONTENT)));
  }

  private static Map<String, Map<String, String>> content(JsonNode content)
      throws RejectedMessageException {
    if (content == null) {
      return null;
    }
    String expected = "field \"content\" must be an object of objects of strings";
    if (!content.isObject()) {
      throw new RejectedMessageException(expected);
    }
    Map<String, Map<String, String>> modules = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> module : content.properties()) {
      if (!module.getValue().isObject()) {
        throw new RejectedMessageException(expected);
      }
      Map<String, String> files = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> file : module.getValue().properties()) {
        if (!file.getValue().isTextual()) {
          throw new RejectedMessageException(expected);
        }
        files.put(file.getKey(), file.getValue().asText());
      }
      modules.put(module.getKey(), files);
    }
    return modules;
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

  private static Result restartResult(JsonNode message) throws RejectedMessageException {
    long restartId = integer(message, Fields.PATCH_ID, 0);
    if (restartId <= 0) {
      throw new RejectedMessageException("field \"patchId\" must be an integer from 1 on");
    }
    onlyFields(message, MessageType.RESTART_RESULT.fields(), restartId);
    JsonNode ok = message.get(Fields.OK);
    if (ok == null || !ok.isBoolean()) {
      throw new RejectedMessageException("field \"ok\" must be true or false", restartId);
    }
    integer(message, Fields.STOP_MILLIS, restartId);
    integer(message, Fields.START_MILLIS, restartId);
    boolean fallback = message.has(Fields.FALLBACK);
    boolean error = message.has(Fields.ERROR);
    if (fallback) {
      text(message, Fields.FALLBACK, restartId);
    }
    if (error) {
      text(message, Fields.ERROR, restartId);
    }
    if (ok.asBoolean() == (fallback || error) || (fallback && error)) {
      throw new RejectedMessageException(
          "a restart-result has exactly one of \"fallback\" and \"error\" when not ok, and"
              + " neither when ok",
          restartId);
    }
    return new Result(restartId, ok.asBoolean(), message);
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
