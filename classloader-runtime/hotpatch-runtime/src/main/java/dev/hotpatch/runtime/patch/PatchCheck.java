package dev.hotpatch.runtime.patch;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a patch must satisfy before any loader is built for it: it names only modules of the running
 * application, each once, each newer than the running version, in dependency order, with class
 * folders that exist; an in-place module keeps its dependencies, moves no synthetic name and needs
 * the agent.
 */
final class PatchCheck {
  private PatchCheck() {}

  /**
   * @param running the current generation
   * @param instrumentation the agent's, or {@code null}
   * @throws PatchFailedException naming the first problem found
   */
  static void check(
      long patchId, List<ModulePatch> patches, Generation running, Instrumentation instrumentation)
      throws PatchFailedException {
    String refused = "Patch " + patchId + " refused: ";
    Set<String> patched = new HashSet<>();
    for (ModulePatch patch : patches) {
      ModuleVersion module = patch.module();
      ModuleClassLoader current = running.loader(module.name());
      if (current == null) {
        throw new PatchFailedException(
            refused
                + "module "
                + module.name()
                + " is not part of the running application (its modules are "
                + running.loaders().keySet()
                + "). Restart hotpatch:serve to add a module.");
      }
      if (!patched.add(module.name())) {
        throw new PatchFailedException(refused + "module " + module.name() + " is listed twice.");
      }
      if (module.version() <= current.spec().version()) {
        throw new PatchFailedException(
            refused + module.label() + " is not newer than the running " + current.label() + ".");
      }
      for (String dependency : module.dependencies()) {
        if (running.loader(dependency) == null) {
          throw new PatchFailedException(
              refused
                  + module.label()
                  + " depends on "
                  + dependency
                  + ", which is not part of the running application. Restart hotpatch:serve to"
                  + " change dependencies.");
        }
        if (!patched.contains(dependency)
            && patches.stream().anyMatch(p -> p.name().equals(dependency))) {
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
      if (patch.strategy() == ModulePatch.Strategy.IN_PLACE) {
        checkInPlace(refused, patch, current, instrumentation);
      }
    }
  }

  private static void checkInPlace(
      String refused, ModulePatch patch, ModuleClassLoader current, Instrumentation instrumentation)
      throws PatchFailedException {
    String label = patch.module().label();
    if (instrumentation == null || !instrumentation.isRedefineClassesSupported()) {
      throw new PatchFailedException(
          refused
              + label
              + " is to be patched in place, which needs the hotpatch agent"
              + " (-javaagent:hotpatch-runtime.jar) and this JVM runs without it. Send the module"
              + " as new-loader.",
          null,
          true);
    }
    if (!patch.module().dependencies().equals(current.spec().dependencies())) {
      throw new PatchFailedException(
          refused
              + label
              + " changes its dependencies, which an in-place patch cannot do. Send the module as"
              + " new-loader.",
          null,
          true);
    }
    if (!patch.renames().isEmpty() || !patch.removed().isEmpty()) {
      // Redefining would hand the bodies of renumbered lambdas to lambdas created before the patch.
      Set<String> moved = new TreeSet<>(patch.renames().keySet());
      moved.addAll(patch.removed());
      throw new PatchFailedException(
          refused
              + label
              + " moves synthetic names ("
              + String.join(", ", moved)
              + "), which an in-place patch cannot do. Send the module as new-loader.",
          null,
          true);
    }
  }
}
