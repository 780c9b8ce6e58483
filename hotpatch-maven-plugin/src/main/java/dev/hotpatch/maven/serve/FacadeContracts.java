package dev.hotpatch.maven.serve;

import dev.hotpatch.maven.facade.FacadeValidator;
import dev.hotpatch.maven.facade.FacadeViolation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code @HotFacade} contracts checked on the module builds of a session, start and patches.
 */
final class FacadeContracts {
  private final FacadeValidator validator = new FacadeValidator();

  /** Every {@code @HotFacade} signature that names a reloadable type, or null when none does. */
  String violations(List<ModuleBuild> builds) {
    Map<String, Path> folders = new LinkedHashMap<>();
    builds.forEach(b -> folders.put(b.name(), b.classes()));
    List<FacadeViolation> violations = validator.validate(folders);
    return violations.isEmpty()
        ? null
        : violations.stream().map(FacadeViolation::describe).collect(Collectors.joining("\n"));
  }
}
