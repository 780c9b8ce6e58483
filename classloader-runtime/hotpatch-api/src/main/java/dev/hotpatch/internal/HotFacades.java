package dev.hotpatch.internal;

import dev.hotpatch.HotBridge;
import dev.hotpatch.HotBridges;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Bootstrap of the {@code invokedynamic} instructions in the facade classes the runtime generates
 * for {@link dev.hotpatch.HotFacade} interfaces: each facade method is one such instruction, which
 * the runtime links to the current implementation and re-links after every patch.
 *
 * <p>It lives in the API because facade classes are defined next to their interface and see only
 * the API and the JDK. Facades exist only under the runtime.
 */
public final class HotFacades {
  /** Internal name of this class, for the generated facades. */
  public static final String OWNER = "dev/hotpatch/internal/HotFacades";

  /** Name of the bootstrap method. */
  public static final String BOOTSTRAP = "bootstrap";

  /** Descriptor of the bootstrap method. */
  public static final String BOOTSTRAP_DESCRIPTOR = HotCallSites.BOOTSTRAP_DESCRIPTOR;

  private HotFacades() {}

  /**
   * Links one method of a facade.
   *
   * @param caller the facade class
   * @param name the interface method's name
   * @param type the interface method's type, without the receiver
   */
  public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type) {
    HotBridge bridge = HotBridges.installed();
    if (bridge == null) {
      throw new IllegalStateException(
          "The hotpatch facade " + caller.lookupClass().getName() + " runs without the runtime.");
    }
    return bridge.linkFacadeMethod(caller, name, type);
  }
}
