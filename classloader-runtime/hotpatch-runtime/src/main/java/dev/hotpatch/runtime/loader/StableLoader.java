package dev.hotpatch.runtime.loader;

import dev.hotpatch.runtime.ModuleVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stable layer: the {@code @HotFacade} interfaces and {@code @HotValue} types of every module
 * and the workspace types their declarations name, defined once, from the build the application
 * started with, and never replaced. Which classes these are is decided at build time by
 * module-diff's {@code StableLayer} (the one place that holds the rule) and handed over in {@code
 * launch.json}, so that the runtime and the patch planner cannot disagree. It sits between the
 * libraries loader and the module loaders, which leave these names to it, so that every version of
 * a module, and every caller, sees the same interface.
 *
 * <p>A change to one of these classes needs a restart; module-diff says so before a patch is sent.
 */
public final class StableLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, Path> classes;
  private final Map<String, String> reloadable;

  private StableLoader(ClassLoader parent, Map<String, Path> classes, Map<String, String> others) {
    super("hotpatch-stable", parent);
    this.classes = Map.copyOf(classes);
    this.reloadable = Map.copyOf(others);
  }

  /**
   * The stable layer made of exactly {@code stableClasses}.
   *
   * @param parent the libraries loader
   * @param modules the application's modules, whose class folders hold the stable classes
   * @param stableClasses binary names of the stable classes, by module
   * @throws IllegalArgumentException if a stable class is not in its module's class folders, or
   *     names a module that is not listed
   * @throws UncheckedIOException if a class folder cannot be read
   */
  public static StableLoader of(
      ClassLoader parent, List<ModuleVersion> modules, Map<String, List<String>> stableClasses) {
    Map<String, Path> classes = new HashMap<>();
    Map<String, String> others = new HashMap<>();
    for (ModuleVersion module : modules) {
      ClassFolderIndex index = ClassFolderIndex.of(module.classes(), module.deleted());
      for (String name : stableClasses.getOrDefault(module.name(), List.of())) {
        ClassFolderIndex.Entry file = index.classFile(name);
        if (file == null) {
          throw new IllegalArgumentException(
              "The stable class "
                  + name
                  + " of module "
                  + module.name()
                  + " is not in its class folders "
                  + module.classes()
                  + ". Restart serve, which writes the list and the folders together.");
        }
        classes.put(name, file.path());
      }
      // For the error message when stable code uses one of these: the first module wins, as it
      // would for the module loaders.
      index.classNames().forEach(name -> others.putIfAbsent(name, module.name()));
    }
    for (String module : stableClasses.keySet()) {
      if (modules.stream().noneMatch(m -> m.name().equals(module))) {
        throw new IllegalArgumentException(
            "Stable classes are listed for module " + module + ", which is not a module.");
      }
    }
    others.keySet().removeAll(classes.keySet());
    return new StableLoader(parent, classes, others);
  }

  /** Whether the class of this binary name belongs here rather than in a module loader. */
  public boolean holds(String className) {
    return classes.containsKey(className);
  }

  /** The binary names of the classes of the stable layer. */
  public Set<String> classNames() {
    return classes.keySet();
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!holds(name)) {
      try {
        return super.loadClass(name, resolve); // The libraries, the API, the JDK.
      } catch (ClassNotFoundException e) {
        throw reloadable.containsKey(name) ? usesReloadable(name, e) : e;
      }
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = findClass(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    Path file = classes.get(name);
    if (file == null) {
      throw new ClassNotFoundException(
          name
              + " is not in the stable layer, which holds only @HotFacade interfaces, @HotValue"
              + " types and the workspace classes they name.");
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(
          "Cannot read " + file + " for " + name + " of the stable layer", e);
    }
  }

  /**
   * Only code of a stable class (a default method, a static initializer, a method of a
   * {@code @HotValue} type) gets here: its declarations were followed into the layer.
   */
  private ClassNotFoundException usesReloadable(String name, ClassNotFoundException cause) {
    return new ClassNotFoundException(
        "Code of the stable layer uses "
            + name
            + ", a class of module "
            + reloadable.get(name)
            + " that reloads on every patch; the stable layer (@HotFacade interfaces, @HotValue"
            + " types and the workspace types their declarations name) is loaded once and cannot"
            + " see it. Move that code (a default method, a static initializer, a method of a"
            + " @HotValue type) into the implementation, or mark "
            + name
            + " @HotValue.",
        cause);
  }

  @Override
  public String toString() {
    return "the stable layer (" + classes.size() + " classes)";
  }
}
