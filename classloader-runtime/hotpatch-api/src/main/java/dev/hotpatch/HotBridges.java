package dev.hotpatch;

/**
 * Holds the runtime's {@link HotBridge}; empty unless the hotpatch runtime started the JVM. Used by
 * the runtime only; beside {@link Hot} for the reason {@link HotBridge} is.
 */
public final class HotBridges {
  private static volatile HotBridge installed;

  private HotBridges() {}

  /** Called once by the runtime before the application's main method runs. */
  public static void install(HotBridge bridge) {
    installed = bridge;
  }

  /** The runtime's bridge, or {@code null} when no runtime is present. */
  public static HotBridge installed() {
    return installed;
  }
}
