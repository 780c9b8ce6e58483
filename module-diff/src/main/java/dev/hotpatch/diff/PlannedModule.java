package dev.hotpatch.diff;

import java.util.Objects;

/**
 * A module the patch reloads, how, and why.
 *
 * @param name the module (its artifactId)
 * @param strategy how the runtime applies the new build
 * @param reason for people: what changed in it, or which reference to a reloaded module forces it
 *     ({@code app references lib.Greeter#greet()})
 */
public record PlannedModule(String name, Strategy strategy, String reason) {

  /** How a module's new build is applied. */
  public enum Strategy {
    /**
     * Only method bodies changed and nothing it uses was reloaded: redefine its loaded classes in
     * place ({@code Instrumentation.redefineClasses}); dependents keep running as they are.
     */
    IN_PLACE("in-place"),
    /** A new module loader; every dependent that uses its reloadable classes is reloaded too. */
    NEW_LOADER("new-loader");

    private final String label;

    Strategy(String label) {
      this.label = label;
    }

    /** The name used in hotpatch events: {@code in-place} or {@code new-loader}. */
    public String label() {
      return label;
    }
  }

  public PlannedModule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(reason, "reason");
  }
}
