package dev.hotpatch.serve.channel;

/** The application's connection ended while serve waited for its answer. */
final class ConnectionLostException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  ConnectionLostException(String message) {
    super(message);
  }
}
