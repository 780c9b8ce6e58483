package dev.hotpatch.runtime.internal;

import dev.hotpatch.runtime.ModuleVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stable layer: the {@code @HotFacade} interfaces of every module and the types they name,
 * defined once, from the build the application started with, and never replaced. It sits between
 * the libraries loader and the module loaders, which leave these names to it, so that every version
 * of a module, and every caller, sees the same interface.
 *
 * <p>A change to one of these classes needs a restart; module-diff says so before a patch is sent.
 */
public final class StableLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, Path> classes;
  private final Map<String, String> reloadable;

  private StableLoader(ClassLoader parent, StableLayerScan.Layer layer) {
    super("hotpatch-stable", parent);
    this.classes = Map.copyOf(layer.classes());
    this.reloadable = Map.copyOf(layer.reloadable());
  }

  /**
   * Finds the stable layer of {@code modules} in their class files.
   *
   * @param parent the libraries loader
   * @throws UncheckedIOException if a class file cannot be read
   */
  public static StableLoader of(ClassLoader parent, List<ModuleVersion> modules) {
    return new StableLoader(parent, StableLayerScan.scan(modules));
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
