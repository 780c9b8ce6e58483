package dev.hotpatch;

/**
 * Hears about patches: register one with {@link Hot#addReloadListener(ReloadListener)}.
 *
 * <p>Meant for frameworks and tools that cache what they derived from classes (reflection data,
 * routes, templates) and must drop or rebuild it when those classes change. Both methods run on the
 * runtime's patch thread, one patch at a time, in the order listeners were added. An exception from
 * a listener is reported as a warning of the patch and changes nothing else.
 *
 * <p>The runtime holds a listener until it is removed, and with it the class loader of the
 * listener's class: register listeners from library code, or remove a listener of a workspace
 * module when that module is patched.
 */
public interface ReloadListener {
  /**
   * Called before the runtime starts loading a patch; the application still runs the previous code.
   * The patch may still fail, in which case {@link #afterReload} is not called.
   */
  default void beforeReload(ReloadEvent event) {}

  /** Called once a patch is the running code. */
  default void afterReload(ReloadEvent event) {}
}
