package dev.hotpatch.runtime.loader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the implementation of a facade interface as {@link java.util.ServiceLoader} would from the
 * main module, but in a given generation of loaders.
 *
 * <p>Not {@code ServiceLoader} itself: it loads the class through the main module's loader, and the
 * JVM remembers which class a loader once returned for a name, so a main module that stays while
 * the implementing module reloads would get the old class forever. Here the class comes from the
 * generation's loader of the module that owns it.
 */
public final class ServiceProviders {
  private ServiceProviders() {}

  /**
   * The first class that a {@code META-INF/services/<type>} file of the main module or of one of
   * its workspace dependencies names, in that order, as loaded in {@code generation}.
   *
   * @throws IllegalStateException if the named class cannot be loaded or does not implement {@code
   *     type} (the interface changed; only a restart makes them agree again)
   */
  public static Optional<Class<?>> providerClass(
      Class<?> type, Generation generation, String mainModule) {
    ModuleClassLoader main = generation.loader(mainModule);
    List<ModuleClassLoader> searched = new ArrayList<>();
    searched.add(main);
    for (String dependency : main.spec().dependencies()) {
      searched.add(generation.loader(dependency));
    }
    String resource = "META-INF/services/" + type.getName();
    for (ModuleClassLoader loader : searched) {
      URL file = loader.ownResource(resource);
      String name = file == null ? null : firstName(file);
      if (name != null) {
        return Optional.of(load(type, name, ownerOf(name, searched, main), file));
      }
    }
    return Optional.empty();
  }

  /** A new object of {@code implementation}, through its no-argument constructor. */
  public static Object instantiate(Class<?> implementation) {
    try {
      Constructor<?> constructor = implementation.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "Cannot create the facade implementation "
              + implementation.getName()
              + ": "
              + cause
              + ". Give it a public constructor without arguments, as ServiceLoader requires.",
          cause);
    }
  }

  private static ModuleClassLoader ownerOf(
      String name, List<ModuleClassLoader> searched, ModuleClassLoader main) {
    for (ModuleClassLoader loader : searched) {
      if (loader.owns(name)) {
        return loader;
      }
    }
    return main; // A third-party class: the libraries loader is behind every module loader.
  }

  private static Class<?> load(Class<?> type, String name, ClassLoader loader, URL file) {
    Class<?> found;
    try {
      found = Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          file + " names " + name + ", which " + loader + " cannot load: " + e, e);
    }
    if (!type.isAssignableFrom(found)) {
      throw new IllegalStateException(
          "The implementation "
              + name
              + " that "
              + file
              + " names does not implement "
              + type.getName()
              + " of the stable layer. A patch changed the interface itself; restart"
              + " hotpatch:serve.");
    }
    return found;
  }

  /** The first class name of a service configuration file: comments and blanks skipped. */
  private static String firstName(URL file) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int comment = line.indexOf('#');
        String name = (comment < 0 ? line : line.substring(0, comment)).trim();
        if (!name.isEmpty()) {
          return name;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
