package dev.hotpatch.runtime.internal;

import dev.hotpatch.runtime.ModuleVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a patch must satisfy before any loader is built for it: it names only modules of the running
 * application, each once, each newer than the running version, in dependency order, with class
 * folders that exist.
 */
public final class PatchCheck {
  private PatchCheck() {}

  /**
   * @param running the current loader of every module, by name
   * @throws PatchFailedException naming the first problem found
   */
  public static void check(
      long patchId, List<ModuleVersion> modules, Map<String, ModuleClassLoader> running)
      throws PatchFailedException {
    String refused = "Patch " + patchId + " refused: ";
    Set<String> patched = new HashSet<>();
    for (ModuleVersion module : modules) {
      ModuleClassLoader current = running.get(module.name());
      if (current == null) {
        throw new PatchFailedException(
            refused
                + "module "
                + module.name()
                + " is not part of the running application (its modules are "
                + running.keySet()
                + "). Restart hotpatch:serve to add a module.");
      }
      if (!patched.add(module.name())) {
        throw new PatchFailedException(refused + "module " + module.name() + " is listed twice.");
      }
      if (module.version() <= current.version()) {
        throw new PatchFailedException(
            refused
                + module.label()
                + " is not newer than the running "
                + current.spec().label()
                + ".");
      }
      for (String dependency : module.dependencies()) {
        if (!running.containsKey(dependency)) {
          throw new PatchFailedException(
              refused
                  + module.label()
                  + " depends on "
                  + dependency
                  + ", which is not part of the running application. Restart hotpatch:serve to"
                  + " change dependencies.");
        }
        if (!patched.contains(dependency)
            && modules.stream().anyMatch(m -> m.name().equals(dependency))) {
          throw new PatchFailedException(
              refused
                  + module.label()
                  + " comes before its dependency "
                  + dependency
                  + "; modules must be listed in dependency order.");
        }
      }
      for (Path folder : module.classes()) {
        if (!Files.isDirectory(folder)) {
          throw new PatchFailedException(
              refused
                  + "the class folder "
                  + folder
                  + " of "
                  + module.label()
                  + " does not exist.");
        }
      }
    }
  }
}
