package dev.hotpatch.runtime.channel;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.PatchResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The WebSocket messages of the protocol, as JSON text; see the protocol page of the site. */
final class PatchMessages {
  /**
   * A {@code patch} message, checked for shape only; {@link PatchAdmission} decides whether it is
   * meant for this application.
   */
  record Patch(long patchId, long pid, String buildId, List<ModulePatch> modules) {}

  private static final Set<String> PATCH_FIELDS =
      Set.of("type", "protocol", "patchId", "pid", "buildId", "modules");

  private PatchMessages() {}

  static String hello(String sessionId, String buildId, long pid) {
    Map<String, Object> hello = new LinkedHashMap<>();
    hello.put("type", "hello");
    hello.put("protocol", LaunchManifest.PROTOCOL);
    hello.put("sessionId", sessionId);
    hello.put("buildId", buildId);
    hello.put("pid", pid);
    return Json.write(hello);
  }

  /**
   * Reads a message from {@code serve}; {@code patch} is the only type it sends.
   *
   * @throws BadMessageException if the message is not a well-formed patch of this protocol; it
   *     carries the patch number when the message had a usable one, so that serve gets an answer
   */
  static Patch read(String text) throws BadMessageException {
    Map<String, Object> message;
    try {
      message = Json.parseObject(text);
    } catch (MalformedJsonException e) {
      throw new BadMessageException("A message from serve is unusable: " + e.getMessage(), null);
    }
    Object type = message.get("type");
    if (!"patch".equals(type)) {
      throw new BadMessageException(
          type instanceof String name
              ? "A message from serve has the unknown type \"" + name + "\""
              : "A message from serve has no field \"type\" naming its kind",
          null);
    }
    long patchId;
    try {
      patchId = Json.integer(message, "patchId");
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
      long protocol = Json.integer(message, "protocol");
      if (protocol != LaunchManifest.PROTOCOL) {
        throw new BadMessageException(
            "Patch "
                + patchId
                + " refused: serve speaks protocol "
                + protocol
                + ", this runtime supports protocol "
                + LaunchManifest.PROTOCOL
                + " only. Use the same hotpatch version for the plugin and the runtime.",
            patchId);
      }
      Json.onlyFields(message, PATCH_FIELDS);
      return new Patch(
          patchId,
          Json.integer(message, "pid"),
          Json.text(message, "buildId"),
          Json.patches(message, "modules"));
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
