package dev.hotpatch.runtime.channel;

import java.util.OptionalLong;

/** A message from {@code serve} that the runtime cannot act on. */
final class BadMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Long patchId;

  BadMessageException(String message, Long patchId) {
    super(message);
    this.patchId = patchId;
  }

  /** The number of the patch the message was, when it says so: the answer goes to that patch. */
  OptionalLong patchId() {
    return patchId == null ? OptionalLong.empty() : OptionalLong.of(patchId);
  }
}
