package dev.hotpatch.serve.channel;

import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.plan.PatchPlanner;
import java.util.List;
import java.util.Map;

/**
 * Delivers patches to a remote application, which reads no folder of serve's: each patch carries
 * what the new builds add to what the application has. While it is not connected nothing waits: it
 * catches up in one patch when it connects again.
 */
public final class RemoteDelivery implements PatchDelivery {
  private final PatchServer server;
  private final InlineContent content;
  private final ServerDelivery delivery;

  public RemoteDelivery(PatchServer server) {
    this.server = server;
    this.content = new InlineContent(Map.of());
    this.delivery = new ServerDelivery(server, content);
  }

  /**
   * The application connected and says what it has of each module (null when it did not say): the
   * next patch brings each module from there.
   */
  public void connected(Map<String, Map<String, String>> has) {
    content.connected(has);
  }

  /** Whether the application's {@code build.name()} differs from {@code build}. */
  public boolean differs(ModuleBuild build) {
    return !content.layerOf(build).isEmpty();
  }

  @Override
  public Outcome send(long patchId, List<PatchPlanner.Step> steps) {
    if (!server.connected()) {
      return Outcome.lost(
          patchId,
          "the remote application is not connected; it gets patch "
              + patchId
              + " when it connects again");
    }
    return delivery.send(patchId, steps);
  }
}
