package dev.hotpatch.runtime.loader;

import java.lang.instrument.Instrumentation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the loaders of one application share: the current generation of loaders, each module's
 * history, the JVM's instrumentation, and the re-instancing of values that old code hands to new
 * code.
 *
 * <p>Every module loader points here, so old code finds the newest. Nothing here refers to a
 * superseded loader except weakly ({@link ModuleHistory}), so an old loader lives exactly as long
 * as the application holds something of it.
 */
public final class ModuleRegistry {
  private final Map<String, ModuleHistory> histories = new LinkedHashMap<>();
  private final Instrumentation instrumentation;
  private final CaptureConverter reinstancer;
  private volatile Generation current;

  /**
   * @param modules the names of every module of the application
   * @param instrumentation the JVM's instrumentation, or {@code null} when the JVM runs without the
   *     agent (then in-place patches are refused)
   * @param reinstancer the application's re-instancing, for values captured before a patch
   */
  public ModuleRegistry(
      Collection<String> modules, Instrumentation instrumentation, CaptureConverter reinstancer) {
    for (String module : modules) {
      histories.put(module, new ModuleHistory());
    }
    this.instrumentation = instrumentation;
    this.reinstancer = reinstancer;
  }

  /** The current generation; {@code null} only while the first loaders are being built. */
  public Generation current() {
    return current;
  }

  /** Makes {@code generation} current; the caller has prepared every loader for it. */
  public void publish(Generation generation) {
    current = generation;
  }

  /** Makes the first generation current. */
  public void start(Generation first) {
    if (current != null) {
      throw new IllegalStateException("The application's loaders are built already.");
    }
    for (ModuleClassLoader loader : first.loaders().values()) {
      loader.publish(first.version());
    }
    publish(first);
  }

  public ModuleHistory history(String module) {
    ModuleHistory history = histories.get(module);
    if (history == null) {
      throw new IllegalArgumentException("No module named " + module + " in this application.");
    }
    return history;
  }

  /** The JVM's instrumentation, or {@code null} without the agent. */
  public Instrumentation instrumentation() {
    return instrumentation;
  }

  public CaptureConverter reinstancer() {
    return reinstancer;
  }
}
