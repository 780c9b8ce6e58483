package dev.hotpatch.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a patch must do across the workspace. Immutable and JSON-friendly (records, enums, lists and
 * Strings).
 *
 * @param modules the modules to reload, in dependency order (a module after those it depends on)
 * @param restartReasons why no patch can be correct; empty when a patch can be applied
 * @param warnings what the plan had to assume (missing or unreadable snapshots, classes that could
 *     not be compared), each prefixed with the module name
 */
public record ReloadPlan(
    List<PlannedModule> modules, List<String> restartReasons, List<String> warnings) {

  public ReloadPlan {
    modules = List.copyOf(modules);
    restartReasons = List.copyOf(restartReasons);
    warnings = List.copyOf(warnings);
  }

  /** The reasons a restart is required, joined; empty when the patch can be applied. */
  public Optional<String> restartRequired() {
    return restartReasons.isEmpty()
        ? Optional.empty()
        : Optional.of(String.join("; ", restartReasons));
  }

  /** One line per restart reason, module to reload and warning. */
  public String summary() {
    List<String> lines = new ArrayList<>();
    restartReasons.forEach(r -> lines.add("restart required: " + r));
    modules.forEach(
        m -> lines.add("reload " + m.name() + " (" + m.strategy().label() + "): " + m.reason()));
    warnings.forEach(w -> lines.add("warning: " + w));
    return lines.isEmpty() ? "nothing to reload" : String.join("\n", lines);
  }
}
