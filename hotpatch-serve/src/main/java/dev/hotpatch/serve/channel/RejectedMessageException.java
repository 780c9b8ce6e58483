package dev.hotpatch.serve.channel;

/**
 * A message from the application's connection that serve refuses.
 *
 * @see ClientMessages
 */
final class RejectedMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The patch the message answered, when it said so usably; 0 otherwise. */
  private final long patchId;

  RejectedMessageException(String message) {
    this(message, 0);
  }

  RejectedMessageException(String message, long patchId) {
    super(message);
    this.patchId = patchId;
  }

  long patchId() {
    return patchId;
  }
}
