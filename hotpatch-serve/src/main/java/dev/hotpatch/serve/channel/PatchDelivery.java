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
   * @param connectionLost whether the connection to the application ended before its answer: the
   *     application may have ended, and may or may not have applied the patch
   */
  record Outcome(
      long patchId,
      List<String> warnings,
      String failure,
      boolean retryAsNewLoader,
      boolean connectionLost) {
    public Outcome {
      warnings = List.copyOf(warnings);
    }

    public static Outcome applied(long patchId, List<String> warnings) {
      return new Outcome(patchId, warnings, null, false, false);
    }

    public static Outcome failed(long patchId, String failure, boolean retryAsNewLoader) {
      return new Outcome(patchId, List.of(), failure, retryAsNewLoader, false);
    }

    /** The connection ended before the application answered. */
    public static Outcome lost(long patchId, String failure) {
      return new Outcome(patchId, List.of(), failure, false, true);
    }
  }

  /**
   * Sends the modules of {@code steps} as patch {@code patchId} and waits for the application's
   * answer; never throws: a patch that cannot be delivered is an outcome with a failure.
   */
  Outcome send(long patchId, List<PatchPlanner.Step> steps);

  /** Over {@code server}'s connection to the application. */
  static PatchDelivery through(PatchServer server) {
    return new ServerDelivery(server);
  }
}
