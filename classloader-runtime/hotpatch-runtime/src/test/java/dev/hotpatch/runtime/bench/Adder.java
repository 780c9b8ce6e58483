package dev.hotpatch.runtime.bench;

import dev.hotpatch.HotFacade;

/**
 * The facade of {@link FacadeBenchmark}. Declared here, outside the benchmark's module, so that the
 * benchmark can call it as application code calls a facade: an interface call in Java source.
 */
@HotFacade
public interface Adder {
  int add(int x);
}
