package dev.hotpatch.runtime.channel;

import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.MessageType;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.PatchResult;
import dev.hotpatch.runtime.RestartResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The WebSocket messages of the protocol, as JSON text; see the protocol page of the site. */
final class PatchMessages {
  /**
   * A message from serve, checked for shape only; {@link PatchAdmission} decides whether it is
   * meant for this application. Patches and restarts are numbered from one sequence.
   */
  sealed interface Incoming permits Patch, Restart {
    long patchId();

    long pid();

    String buildId();
  }

  /**
   * A {@code patch} message.
   *
   * @param layers the new layers that came inside the message, by module; empty for a local
   *     application, whose patches name folders
   */
  record Patch(
      long patchId,
      long pid,
      String buildId,
      List<ModulePatch> modules,
      Map<String, InlineLayer> layers)
      implements Incoming {
    Patch {
      layers = Map.copyOf(layers);
    }
  }

  /** A {@code restart} message: stop, and start again as {@code nextBuildId} of launch.json. */
  record Restart(long patchId, long pid, String buildId, String nextBuildId, long stopTimeoutMillis)
      implements Incoming {}

  private PatchMessages() {}

  /**
   * @param content what a remote application has of each module (see {@link ContentListing}); null
   *     for a local application, or when it would not fit
   */
  static String hello(
      String sessionId, String buildId, long pid, Map<String, Map<String, String>> content) {
    Map<String, Object> hello = new LinkedHashMap<>();
    hello.put(Fields.TYPE, MessageType.HELLO.wireName());
    hello.put(Fields.PROTOCOL, Protocol.VERSION);
    hello.put(Fields.SESSION_ID, sessionId);
    hello.put(Fields.BUILD_ID, buildId);
    hello.put(Fields.PID, pid);
    if (content != null) {
      hello.put(Fields.CONTENT, content);
    }
    return Json.write(hello);
  }

  /**
   * Reads a message from {@code serve}: a {@code patch} or a {@code restart}.
   *
   * @throws BadMessageException if the message is not a well-formed message of this protocol; it
   *     carries the patch number when the message had a usable one, so that serve gets an answer
   */
  static Incoming read(String text) throws BadMessageException {
    Map<String, Object> message;
    try {
      message = Json.parseObject(text);
    } catch (MalformedJsonException e) {
      throw new BadMessageException("A message from serve is unusable: " + e.getMessage(), null);
    }
    Object type = message.get(Fields.TYPE);
    boolean restart = MessageType.RESTART.wireName().equals(type);
    if (!restart && !MessageType.PATCH.wireName().equals(type)) {
      throw new BadMessageException(
          type instanceof String name
              ? "A message from serve has the unknown type \"" + name + "\""
              : "A message from serve has no field \"type\" naming its kind",
          null);
    }
    long patchId;
    try {
      patchId = Json.integer(message, Fields.PATCH_ID);
    } catch (MalformedJsonException e) {
      throw new BadMessageException(
          "A patch message from serve has no usable number: " + e.getMessage(), null);
    }
    if (patchId <= 0) {
      throw new BadMessageException(
          "A patch message from serve has no usable number: field \"patchId\" must be an integer"
              + " from 1 on",
          null);
    }
    try {
      long protocol = Json.integer(message, Fields.PROTOCOL);
      if (protocol != Protocol.VERSION) {
        throw new BadMessageException(
            "Patch "
                + patchId
                + " refused: serve speaks protocol "
                + protocol
                + ", this runtime supports protocol "
                + Protocol.VERSION
                + " only. Use the same hotpatch version for the plugin and the runtime.",
            patchId);
      }
      if (restart) {
        Json.onlyFields(message, MessageType.RESTART.fields());
        long stopTimeout = Json.integer(message, Fields.STOP_TIMEOUT_MILLIS);
        if (stopTimeout < 0) {
          throw new MalformedJsonException("field \"stopTimeoutMillis\" must not be negative");
        }
        return new Restart(
            patchId,
            Json.integer(message, Fields.PID),
            Json.text(message, Fields.BUILD_ID),
            Json.text(message, Fields.NEXT_BUILD_ID),
            stopTimeout);
      }
      Json.onlyFields(message, MessageType.PATCH.fields());
      return new Patch(
          patchId,
          Json.integer(message, Fields.PID),
          Json.text(message, Fields.BUILD_ID),
          Json.patches(message, Fields.MODULES),
          Json.layers(message, Fields.MODULES));
    } catch (MalformedJsonException e) {
      throw new BadMessageException(
          "Patch " + patchId + " refused: its message is unusable: " + e.getMessage() + ".",
          patchId);
    }
  }

  static String restartResult(RestartResult result) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(Fields.TYPE, MessageType.RESTART_RESULT.wireName());
    message.put(Fields.PATCH_ID, result.restartId());
    message.put(Fields.OK, result.ok());
    message.put(Fields.STOP_MILLIS, result.stopMillis());
    message.put(Fields.START_MILLIS, result.startMillis());
    if (result.fallback() != null) {
      message.put(Fields.FALLBACK, result.fallback());
    }
    if (result.error() != null) {
      message.put(Fields.ERROR, result.error());
    }
    return Json.write(message);
  }

  /**
   * The application's main method, started by a restart as {@code buildId}, threw.
   *
   * @param fallback why only a new JVM can start it, or null
   */
  static String appFailed(String buildId, String error, String fallback) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(Fields.TYPE, MessageType.APP_FAILED.wireName());
    message.put(Fields.BUILD_ID, buildId);
    message.put(Fields.ERROR, error);
    if (fallback != null) {
      message.put(Fields.FALLBACK, fallback);
    }
    return Json.write(message);
  }

  static String result(PatchResult result) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(Fields.TYPE, MessageType.PATCH_RESULT.wireName());
    message.put(Fields.PATCH_ID, result.patchId());
    message.put(Fields.OK, result.ok());
    if (result.version() >= 0) {
      message.put(Fields.VERSION, result.version());
    }
    message.put(Fields.LOAD_MILLIS, result.loadMillis());
    if (result.ok()) {
      message.put(Fields.WARNINGS, result.warnings());
      if (!result.staleResources().isEmpty()) {
        List<Map<String, Object>> stale = new ArrayList<>();
        for (PatchResult.StaleResource resource : result.staleResources()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put(Fields.MODULE, resource.module());
          entry.put(Fields.NAME, resource.name());
          entry.put(Fields.READER, resource.reader());
          stale.add(entry);
        }
        message.put(Fields.STALE_RESOURCES, stale);
      }
    } else {
      message.put(Fields.ERROR, result.error());
      if (result.retryAsNewLoader()) {
        message.put(Fields.RETRY_AS_NEW_LOADER, true);
      }
    }
    return Json.write(message);
  }
}
