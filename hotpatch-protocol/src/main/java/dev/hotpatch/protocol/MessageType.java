package dev.hotpatch.protocol;

import java.util.Optional;
import java.util.Set;

/**
 * The messages of the WebSocket, by their {@code type}, each with the fields it may have: a field
 * outside them is refused, since a peer that sends one speaks another protocol.
 */
public enum MessageType {
  /** The application's first message: who it is. */
  HELLO(
      "hello",
      Set.of(Fields.TYPE, Fields.PROTOCOL, Fields.SESSION_ID, Fields.BUILD_ID, Fields.PID)),

  /** Serve's only message: modules to load. */
  PATCH(
      "patch",
      Set.of(
          Fields.TYPE,
          Fields.PROTOCOL,
          Fields.PATCH_ID,
          Fields.PID,
          Fields.BUILD_ID,
          Fields.MODULES)),

  /** The application's answer to a patch. */
  PATCH_RESULT(
      "patch-result",
      Set.of(
          Fields.TYPE,
          Fields.PATCH_ID,
          Fields.OK,
          Fields.VERSION,
          Fields.LOAD_MILLIS,
          Fields.WARNINGS,
          Fields.STALE_RESOURCES,
          Fields.ERROR,
          Fields.RETRY_AS_NEW_LOADER));

  private final String wireName;
  private final Set<String> fields;

  MessageType(String wireName, Set<String> fields) {
    this.wireName = wireName;
    this.fields = fields;
  }

  /** The value of the message's {@code type} field. */
  public String wireName() {
    return wireName;
  }

  /** Every field the message may have, {@code type} included. */
  public Set<String> fields() {
    return fields;
  }

  /** The type whose wire name is {@code name}, if the protocol has one. */
  public static Optional<MessageType> named(String name) {
    for (MessageType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
