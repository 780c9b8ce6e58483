package dev.hotpatch.protocol;

/**
 * What each end accepts of the other, far above what a well-behaved peer sends: a peer over these
 * is not serve, or not the application, and is refused before it costs memory or time.
 */
public final class Limits {
  /**
   * The largest text message: 1 MiB. Serve counts the bytes Jetty reads, the runtime the characters
   * the JDK's client hands over. A local patch names folders, never class bytes, and a result is
   * short.
   */
  public static final int MAX_TEXT_MESSAGE = 1 << 20;

  /**
   * The largest patch a remote application takes: 64 MiB, since its patches carry the class bytes.
   * Only over the remote channel, whose server the application has authenticated by its pinned
   * certificate.
   */
  public static final int MAX_REMOTE_PATCH_MESSAGE = 64 << 20;

  /**
   * The protocol has no binary message: serve refuses one of any size, and cuts off a larger one.
   */
  public static final int MAX_BINARY_MESSAGE = 1 << 10;

  /**
   * Messages a connection may send at once ({@link MessageRate}): serve sends one patch and waits
   * for its result, and the application answers each patch once.
   */
  public static final int BURST = 100;

  /** Messages a connection may send per second once its burst is spent. */
  public static final int PER_SECOND = 100;

  /** The deepest nesting of a JSON message: a patch nests three levels. */
  public static final int JSON_MAX_NESTING_DEPTH = 32;

  /** The longest JSON number, in characters: every number of the protocol is a 64-bit integer. */
  public static final int JSON_MAX_NUMBER_LENGTH = 40;

  /** The longest JSON string, in characters. */
  public static final int JSON_MAX_STRING_LENGTH = 1 << 20;

  private Limits() {}
}
