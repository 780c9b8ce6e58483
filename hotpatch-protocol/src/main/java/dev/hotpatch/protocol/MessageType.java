package dev.hotpatch.protocol;

import java.util.Optional;
import java.util.Set;

/**
 * The messages of the WebSocket, by their {@code type}, each with the fields it may have: a field
 * outside them is refused, since a peer that sends one speaks another protocol.
 */
public enum MessageType {
  /**
   * The application's first message: who it is; a remote application adds what it has of each
   * module ({@link Fields#CONTENT}).
   */
  HELLO(
      "hello",
      Set.of(
          Fields.TYPE,
          Fields.PROTOCOL,
          Fields.SESSION_ID,
          Fields.BUILD_ID,
          Fields.PID,
          Fields.CONTENT)),

  /** Serve's message: modules to load. */
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
          Fields.RETRY_AS_NEW_LOADER)),

  /**
   * Serve's other message: stop the application inside its JVM and run its main method again in new
   * module loaders, as build {@link Fields#NEXT_BUILD_ID} of launch.json. Numbered like a patch,
   * from the same sequence.
   */
  RESTART(
      "restart",
      Set.of(
          Fields.TYPE,
          Fields.PROTOCOL,
          Fields.PATCH_ID,
          Fields.PID,
          Fields.BUILD_ID,
          Fields.NEXT_BUILD_ID,
          Fields.STOP_TIMEOUT_MILLIS)),

  /**
   * The application's answer to a restart: {@code ok} once the new main method runs; else {@link
   * Fields#FALLBACK} (the JVM must restart) or {@link Fields#ERROR} (the new start failed, the
   * application is stopped and waits for the next restart).
   */
  RESTART_RESULT(
      "restart-result",
      Set.of(
          Fields.TYPE,
          Fields.PATCH_ID,
          Fields.OK,
          Fields.STOP_MILLIS,
          Fields.START_MILLIS,
          Fields.FALLBACK,
          Fields.ERROR)),

  /**
   * The application's main method, started again by a restart, threw: {@link Fields#ERROR} says
   * what, and {@link Fields#FALLBACK}, when present, why only a new JVM can start it (a port stayed
   * bound).
   */
  APP_FAILED("app-failed", Set.of(Fields.TYPE, Fields.BUILD_ID, Fields.ERROR, Fields.FALLBACK));

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
