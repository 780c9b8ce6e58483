package dev.hotpatch.serve.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.protocol.Fields;
import dev.hotpatch.serve.plan.PatchPlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Delivers patches over the patch server's connection to the application. */
final class ServerDelivery implements PatchDelivery {
  private static final long PATCH_TIMEOUT_SECONDS = 60;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

  private final PatchServer server;
  private final PatchContent content;

  ServerDelivery(PatchServer server, PatchContent content) {
    this.server = server;
    this.content = content;
  }

  @Override
  public Outcome send(long patchId, List<PatchPlanner.Step> steps) {
    JsonNode result;
    Map<String, Object> message;
    try {
      message = content.message(steps);
    } catch (RuntimeException e) {
      return Outcome.failed(patchId, "serve could not write the patch: " + e.getMessage(), false);
    }
    try {
      result =
          server
              .send(patchId, message, CONNECT_TIMEOUT)
              .get(PATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed(patchId, "serve was interrupted", false);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof ConnectionLostException) {
        return Outcome.lost(patchId, cause.getMessage() + " before it answered patch " + patchId);
      }
      return Outcome.failed(
          patchId, "the patch did not reach the application: " + cause.getMessage(), false);
    } catch (Exception e) {
      return Outcome.failed(
          patchId, "the patch did not reach the application: " + e.getMessage(), false);
    }
    if (!result.path(Fields.OK).asBoolean(false)) {
      return Outcome.failed(
          patchId,
          result.path(Fields.ERROR).asText("the application refused the patch"),
          result.path(Fields.RETRY_AS_NEW_LOADER).asBoolean(false));
    }
    content.applied(steps);
    List<String> warnings = new ArrayList<>();
    result.path(Fields.WARNINGS).forEach(warning -> warnings.add(warning.asText()));
    List<StaleResource> stale = new ArrayList<>();
    result
        .path(Fields.STALE_RESOURCES)
        .forEach(
            entry ->
                stale.add(
                    new StaleResource(
                        entry.path(Fields.MODULE).asText(),
                        entry.path(Fields.NAME).asText(),
                        entry.path(Fields.READER).asText())));
    return Outcome.applied(patchId, warnings, stale);
  }
}
