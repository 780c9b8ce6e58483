package peers.lib;

import dev.hotpatch.HotFacade;

/** What the web module may call. Edit 2 adds a method to it. */
@HotFacade
public interface Site {
  /** Counts the visit; the counter is the state. */
  String visit();

  String word();

  // EDIT2-DECL
}
