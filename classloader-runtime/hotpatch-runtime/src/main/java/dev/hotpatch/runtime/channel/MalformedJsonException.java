package dev.hotpatch.runtime.channel;

/** A JSON document from {@code serve} (launch manifest or message) lacks a field or is not JSON. */
final class MalformedJsonException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedJsonException(String message) {
    super(message);
  }

  MalformedJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
