package dev.hotpatch.internal;

import dev.hotpatch.HotBridge;
import dev.hotpatch.HotBridges;
import dev.hotpatch.HotRunnable;
import dev.hotpatch.HotSupplier;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Bootstrap of the {@code invokedynamic} instructions that the runtime writes in place of {@code
 * Hot.call} in workspace module classes as it defines them.
 *
 * <p>It lives in the API because module classes see only the API and the JDK; it hands the linking
 * to the runtime, which returns a call site that it re-targets on every patch. Without the runtime
 * nothing is rewritten, so this runs only under it; the direct call below keeps a rewritten class
 * usable should the bridge be gone.
 */
public final class HotCallSites {
  /** Internal name of this class, for the rewriting. */
  public static final String OWNER = "dev/hotpatch/internal/HotCallSites";

  /** Name of the bootstrap method. */
  public static final String BOOTSTRAP = "bootstrap";

  /** Descriptor of the bootstrap method. */
  public static final String BOOTSTRAP_DESCRIPTOR =
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
          + "Ljava/lang/invoke/CallSite;";

  private HotCallSites() {}

  /**
   * Links one call site.
   *
   * @param type {@code (HotRunnable)void} or {@code (HotSupplier)Object}, the erased signatures of
   *     the two {@code Hot.call} methods
   */
  public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type)
      throws NoSuchMethodException, IllegalAccessException {
    HotBridge bridge = HotBridges.installed();
    if (bridge != null) {
      return bridge.linkCall(caller, type);
    }
    MethodHandles.Lookup own = MethodHandles.lookup();
    boolean runnable = type.parameterCount() == 1 && type.parameterType(0) == HotRunnable.class;
    return new ConstantCallSite(
        runnable
            ? own.findVirtual(HotRunnable.class, "run", MethodType.methodType(void.class))
                .asType(type)
            : own.findVirtual(HotSupplier.class, "get", MethodType.methodType(Object.class))
                .asType(type));
  }
}
