package dev.hotpatch.runtime.patch;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.loader.ClassFolderIndex;
import dev.hotpatch.runtime.loader.DevModeTransformer;
import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import dev.hotpatch.runtime.loader.ModuleRegistry;
import java.io.IOException;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The in-place half of a patch for one module: the new bytes of its changed classes, rewritten as
 * {@link DevModeTransformer} rewrites every module class, for every loader of the module that holds
 * the class with the same shape. The current loader must; an older version whose class has another
 * shape keeps its old code, which only code holding on to that version runs.
 *
 * <p>All modules of a patch are redefined in one {@code redefineClasses} call, which the JVM
 * applies as a whole or not at all.
 */
final class InPlaceRedefinition {
  /** One class in one loader, and its new bytes. */
  private record Redefinition(
      ModuleClassLoader loader, Class<?> type, byte[] bytes, Set<String> sites) {}

  private final ModulePatch patch;
  private final ModuleClassLoader current;
  private final ClassFolderIndex index;
  private final List<Redefinition> redefinitions;

  private InPlaceRedefinition(
      ModulePatch patch,
      ModuleClassLoader current,
      ClassFolderIndex index,
      List<Redefinition> redefinitions) {
    this.patch = patch;
    this.current = current;
    this.index = index;
    this.redefinitions = redefinitions;
  }

  /**
   * Reads and checks the new bytes of {@code patch}'s changed classes.
   *
   * @throws PatchFailedException naming the class, if one is missing or not body-only
   */
  static InPlaceRedefinition prepare(ModulePatch patch, ModuleRegistry registry, Generation running)
      throws PatchFailedException {
    ModuleClassLoader current = running.loader(patch.name());
    ClassFolderIndex index = current.indexOf(patch.module());
    List<Redefinition> redefinitions = new ArrayList<>();
    for (String className : patch.changedClasses()) {
      ClassFolderIndex.Entry file = index.classFile(className);
      if (file == null) {
        throw new PatchFailedException(
            "In-place patch of "
                + patch.module().label()
                + " lists the class "
                + className
                + ", which its class folders do not hold.");
      }
      DevModeTransformer.Transformed rewritten = DevModeTransformer.transform(read(file.path()));
      for (ModuleClassLoader holder : registry.history(patch.name()).liveLoaders()) {
        Class<?> loaded = holder.loadedClass(className);
        if (loaded == null) {
          continue;
        }
        String difference = ClassShape.difference(loaded, rewritten.bytes());
        if (difference == null) {
          redefinitions.add(
              new Redefinition(holder, loaded, rewritten.bytes(), rewritten.hotCallSites()));
        } else if (holder == current) {
          throw new PatchFailedException(
              "Cannot patch "
                  + className
                  + " of "
                  + patch.module().label()
                  + " in place: "
                  + difference
                  + ", and a class can only have its method bodies replaced in place. Send the"
                  + " module as new-loader.",
              null,
              true);
        }
      }
    }
    return new InPlaceRedefinition(patch, current, index, List.copyOf(redefinitions));
  }

  private static byte[] read(Path file) throws PatchFailedException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PatchFailedException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Redefines the classes of every module in {@code modules} at once.
   *
   * @throws PatchFailedException naming the classes, if the JVM refuses; then nothing changed
   */
  static void redefine(Instrumentation instrumentation, List<InPlaceRedefinition> modules)
      throws PatchFailedException {
    List<ClassDefinition> definitions = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    for (InPlaceRedefinition module : modules) {
      for (Redefinition redefinition : module.redefinitions) {
        definitions.add(new ClassDefinition(redefinition.type(), redefinition.bytes()));
        names.add(redefinition.type().getName() + " (" + redefinition.loader() + ")");
      }
    }
    if (definitions.isEmpty()) {
      return;
    }
    try {
      instrumentation.redefineClasses(definitions.toArray(new ClassDefinition[0]));
    } catch (ClassNotFoundException
        | UnmodifiableClassException
        | UnsupportedOperationException
        | LinkageError e) {
      throw new PatchFailedException(
          "Cannot redefine "
              + String.join(", ", names)
              + " in place: "
              + e
              + ". Nothing was changed; send the modules as new-loader.",
          e,
          true);
    }
  }

  /** After a successful redefinition: the module's loader reads its new build from now on. */
  void commit(long version) {
    current.moveTo(patch.module(), index, version);
    for (Redefinition redefinition : redefinitions) {
      redefinition.loader().recordHotCallSites(redefinition.type().getName(), redefinition.sites());
    }
  }

  /** The classes whose code changes, by binary name. */
  Set<String> classes() {
    return patch.changedClasses();
  }
}
