package dev.hotpatch.serve.plan;

import dev.hotpatch.diff.FacadeRules;
import dev.hotpatch.diff.FacadeViolation;
import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.StableCodeViolation;
import dev.hotpatch.serve.build.ModuleBuild;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code @HotFacade} contracts checked on the module builds of a session, start and patches:
 * module-diff's {@link FacadeRules} on the builds' snapshots.
 */
public final class FacadeContracts {
  private FacadeContracts() {}

  /**
   * Every {@code @HotFacade} signature that names a reloadable type and every use of one by code of
   * the stable layer, a line each, or null when there is none.
   */
  public static String violations(List<ModuleBuild> builds) {
    Map<String, ModuleSnapshot> snapshots = new LinkedHashMap<>();
    builds.forEach(b -> snapshots.put(b.name(), b.classes()));
    List<String> lines = new ArrayList<>();
    FacadeRules.signatures(snapshots).stream().map(FacadeViolation::describe).forEach(lines::add);
    FacadeRules.stableCode(snapshots).stream()
        .map(StableCodeViolation::describe)
        .forEach(lines::add);
    return lines.isEmpty() ? null : String.join("\n", lines);
  }
}
