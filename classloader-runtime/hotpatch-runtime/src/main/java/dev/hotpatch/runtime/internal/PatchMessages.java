package dev.hotpatch.runtime.internal;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.PatchResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The WebSocket messages of protocol version 1, as JSON text. */
final class PatchMessages {
  /** A {@code patch} message. */
  record Patch(long patchId, List<ModulePatch> modules) {}

  private PatchMessages() {}

  static String hello(String sessionId, long pid) {
    Map<String, Object> hello = new LinkedHashMap<>();
    hello.put("type", "hello");
    hello.put("protocol", LaunchManifest.PROTOCOL);
    hello.put("sessionId", sessionId);
    hello.put("pid", pid);
    return Json.write(hello);
  }

  /**
   * Reads a message from {@code serve}; {@code patch} is the only type it sends.
   *
   * @throws BadMessageException if the message is not a well-formed patch
   */
  static Patch read(String text) throws BadMessageException {
    Map<String, Object> message;
    try {
      message = Json.parseObject(text);
    } catch (MalformedJsonException e) {
      throw new BadMessageException("A message from serve is unusable: " + e.getMessage(), null);
    }
    String type = String.valueOf(message.get("type"));
    if (!type.equals("patch")) {
      throw new BadMessageException(
          "A message from serve has the unknown type \"" + type + "\"", null);
    }
    long patchId;
    try {
      patchId = Json.integer(message, "patchId");
    } catch (MalformedJsonException e) {
      throw new BadMessageException(
          "A patch message from serve has no usable number: " + e.getMessage(), null);
    }
    try {
      return new Patch(patchId, Json.patches(message, "modules"));
    } catch (MalformedJsonException e) {
      throw new BadMessageException(
          "Patch " + patchId + " refused: its message is unusable: " + e.getMessage() + ".",
          patchId);
    }
  }

  static String result(PatchResult result) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "patch-result");
    message.put("patchId", result.patchId());
    message.put("ok", result.ok());
    if (result.version() >= 0) {
      message.put("version", result.version());
    }
    message.put("loadMillis", result.loadMillis());
    if (result.ok()) {
      message.put("warnings", result.warnings());
    } else {
      message.put("error", result.error());
      if (result.retryAsNewLoader()) {
        message.put("retryAsNewLoader", true);
      }
    }
    return Json.write(message);
  }
}
