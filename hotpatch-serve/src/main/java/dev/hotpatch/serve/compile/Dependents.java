package dev.hotpatch.serve.compile;

import dev.hotpatch.diff.ApiDelta;
import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.classfile.ClassApi;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which sources of a module may compile differently after an {@link ApiDelta}. */
final class Dependents {
  private Dependents() {}

  /**
   * The source files of a module that name a changed class or one of its subtypes (whose inherited
   * members changed with it), or that mention one of the delta's identifiers.
   *
   * @param module the module's classes
   * @param classSources the source of each of its classes, by internal name
   * @param hierarchy every build whose classes may be subtypes: the module's and those it compiles
   *     against
   * @throws IllegalArgumentException when a class of the module cannot be read
   */
  static Set<Path> of(
      ApiDelta delta,
      ModuleSnapshot module,
      Map<String, Path> classSources,
      Collection<ModuleSnapshot> hierarchy,
      Collection<Path> sources,
      IdentifierIndex identifiers) {
    Set<Path> files = new HashSet<>();
    if (delta.isEmpty()) {
      return files;
    }
    Set<String> affected = delta.classesWithSubtypes(hierarchy);
    if (!affected.isEmpty()) {
      for (String name : module.classNames()) {
        Path source = classSources.get(name);
        if (source == null) {
          continue;
        }
        ClassApi api = module.api(name);
        if (affected.contains(name) || api.references().stream().anyMatch(affected::contains)) {
          files.add(source);
        }
      }
    }
    files.addAll(identifiers.mentioning(delta.identifiers(), sources));
    return files;
  }
}
