package dev.hotpatch.serve.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.serve.plan.PatchPlanner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Sends a planned patch to the application and waits for its answer. */
public final class PatchDelivery {
  private static final long PATCH_TIMEOUT_SECONDS = 60;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

  private final PatchServer server;

  public PatchDelivery(PatchServer server) {
    this.server = server;
  }

  /**
   * What became of one patch message.
   *
   * @param result the application's {@code patch-result} when it accepted the patch
   * @param failure why the patch did not apply, or null
   * @param retryAsNewLoader whether the application says the same modules as new loaders may work
   */
  public record Outcome(long patchId, JsonNode result, String failure, boolean retryAsNewLoader) {}

  public Outcome send(long patchId, List<PatchPlanner.Step> steps) {
    JsonNode result;
    try {
      result =
          server
              .send(patchId, PatchMessage.of(steps), CONNECT_TIMEOUT)
              .get(PATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(patchId, null, "serve was interrupted", false);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Outcome(
          patchId, null, "the patch did not reach the application: " + cause.getMessage(), false);
    }
    if (!result.path("ok").asBoolean(false)) {
      return new Outcome(
          patchId,
          result,
          result.path("error").asText("the application refused the patch"),
          result.path("retryAsNewLoader").asBoolean(false));
    }
    return new Outcome(patchId, result, null, false);
  }
}
