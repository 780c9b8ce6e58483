package dev.hotpatch.serve.channel;

import dev.hotpatch.serve.plan.PatchPlanner;
import java.util.List;

/**
 * Sends a planned patch to the application and waits for its answer. An interface so that the patch
 * pipeline's decisions can be tested on every answer the application may give.
 */
public interface PatchDelivery {
  /**
   * What became of one patch message.
   *
   * @param warnings what the application could not keep, when it applied the patch
   * @param failure why the patch did not apply, or null
   * @param retryAsNewLoader whether the application says the same modules as new loaders may work
   * @param staleResources changed resources the application read once and will not see until it
   *     starts again
   * @param connectionLost whether the connection to the application ended before its answer: the
   *     application may have ended, and may or may not have applied the patch
   */
  record Outcome(
      long patchId,
      List<String> warnings,
      String failure,
      boolean retryAsNewLoader,
      List<StaleResource> staleResources,
      boolean connectionLost) {
    public Outcome {
      warnings = List.copyOf(warnings);
      staleResources = List.copyOf(staleResources);
    }

    public static Outcome applied(long patchId, List<String> warnings) {
      return applied(patchId, warnings, List.of());
    }

    public static Outcome applied(
        long patchId, List<String> warnings, List<StaleResource> staleResources) {
      return new Outcome(patchId, warnings, null, false, staleResources, false);
    }

    public static Outcome failed(long patchId, String failure, boolean retryAsNewLoader) {
      return new Outcome(patchId, List.of(), failure, retryAsNewLoader, List.of(), false);
    }

    /** The connection ended before the application answered. */
    public static Outcome lost(long patchId, String failure) {
      return new Outcome(patchId, List.of(), failure, false, List.of(), true);
    }
  }

  /**
   * A changed resource that the application read once, when it started, and holds in memory.
   *
   * @param module the module that holds it
   * @param name its resource name
   * @param reader the class and method that read it
   */
  record StaleResource(String module, String name, String reader) {
    /** {@code config/greeting.txt of module core, read by demo.core.Config.load}. */
    public String describe() {
      return name + " of module " + module + ", read by " + reader;
    }
  }

  /**
   * Sends the modules of {@code steps} as patch {@code patchId} and waits for the application's
   * answer; never throws: a patch that cannot be delivered is an outcome with a failure.
   */
  Outcome send(long patchId, List<PatchPlanner.Step> steps);

  /** Over {@code server}'s connection to the application, naming the session's folders. */
  static PatchDelivery through(PatchServer server) {
    return new ServerDelivery(server, PatchContent.FOLDERS);
  }
}
