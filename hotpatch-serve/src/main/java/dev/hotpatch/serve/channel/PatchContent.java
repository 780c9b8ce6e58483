package dev.hotpatch.serve.channel;

import dev.hotpatch.serve.plan.PatchPlanner;
import java.util.List;
import java.util.Map;

/**
 * How the modules of a patch travel: as the folders of serve's session, which a local application
 * reads, or inside the message, for a remote application that cannot.
 */
interface PatchContent {
  /** The {@code patch} message of {@code steps}, without its address. */
  Map<String, Object> message(List<PatchPlanner.Step> steps);

  /** The application applied {@code steps}: it has their builds now. */
  void applied(List<PatchPlanner.Step> steps);

  /** Names the session's folders. */
  PatchContent FOLDERS =
      new PatchContent() {
        @Override
        public Map<String, Object> message(List<PatchPlanner.Step> steps) {
          return PatchMessage.of(steps);
        }

        @Override
        public void applied(List<PatchPlanner.Step> steps) {}
      };
}
