package it.facade.lib;

import dev.hotpatch.HotFacade;

/** What the app may call: the library keeps its implementation to itself. */
@HotFacade
public interface Counter {
  String next(String who);
}
