package dev.hotpatch.serve.plan;

import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.facade.FacadeValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code @HotFacade} contracts checked on the module builds of a session, start and patches.
 */
public final class FacadeContracts {
  private final FacadeValidator validator = new FacadeValidator();

  /**
   * Every {@code @HotFacade} signature that names a reloadable type and every use of one by code of
   * the stable layer, a line each, or null when there is none.
   */
  public String violations(List<ModuleBuild> builds) {
    Map<String, Path> folders = new LinkedHashMap<>();
    builds.forEach(b -> folders.put(b.name(), b.classes()));
    List<String> lines = new ArrayList<>();
    validator.validate(folders).forEach(v -> lines.add(v.describe()));
    validator.validateStableCode(folders).forEach(v -> lines.add(v.describe()));
    return lines.isEmpty() ? null : String.join("\n", lines);
  }
}
