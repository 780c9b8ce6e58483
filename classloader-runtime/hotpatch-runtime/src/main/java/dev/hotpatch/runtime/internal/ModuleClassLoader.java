package dev.hotpatch.runtime.internal;

import dev.hotpatch.runtime.ModuleVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The class loader of one version of one workspace module.
 *
 * <p>Lookup order, for classes and resources alike: the module's own class folders, then its
 * workspace dependencies' loaders (their own classes only, in the order of {@link
 * ModuleVersion#dependencies()}), then the parent (the libraries loader). A loader never changes: a
 * new build of the module gets a new loader, and the old one stays alive while anything refers to
 * it.
 *
 * <p>Classes are rewritten as they are defined, see {@link DevModeTransformer}. The loader keeps
 * the classes it defined and those the application initialized, in order, so that a patch can carry
 * their statics. These lists live in the loader itself, which the JVM makes hold its classes
 * anyway, so they keep nothing alive that the loader would not; the runtime keeps no list of old
 * loaders or their classes.
 */
public final class ModuleClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final ModuleVersion spec;
  private final ModuleSlot slot;
  private final List<ModuleClassLoader> dependencies;
  private final ClassFolderIndex index;
  private final ProtectionDomain[] domains;
  private final Class<?> initLog;
  private final Queue<Class<?>> defined = new ConcurrentLinkedQueue<>();
  private final Queue<Class<?>> initialized = new ConcurrentLinkedQueue<>();
  private volatile boolean superseded;

  /**
   * Creates the loader and indexes its class folders.
   *
   * @param dependencies the loaders of {@code spec.dependencies()}, in the same order
   * @throws UncheckedIOException if a class folder cannot be read
   */
  public ModuleClassLoader(
      ModuleVersion spec,
      ModuleSlot slot,
      List<ModuleClassLoader> dependencies,
      ClassLoader parent) {
    // The loader's name shows in stack traces as "core@v2//demo.core.Config.load(Config.java:12)".
    super(spec.label(), parent);
    if (!slot.module().equals(spec.name())) {
      throw new IllegalArgumentException(slot + " cannot hold " + spec.label());
    }
    if (dependencies.size() != spec.dependencies().size()) {
      throw new IllegalArgumentException(
          spec.label() + " needs loaders for " + spec.dependencies() + ", got " + dependencies);
    }
    this.spec = spec;
    this.slot = slot;
    this.dependencies = List.copyOf(dependencies);
    this.index = ClassFolderIndex.of(spec.classes());
    this.domains = new ProtectionDomain[index.folders().size()];
    for (int i = 0; i < domains.length; i++) {
      CodeSource source = new CodeSource(url(index.folders().get(i)), (Certificate[]) null);
      domains[i] = new ProtectionDomain(source, null);
    }
    this.initLog = defineInitLog();
  }

  public ModuleVersion spec() {
    return spec;
  }

  public String moduleName() {
    return spec.name();
  }

  public int version() {
    return spec.version();
  }

  public ModuleSlot slot() {
    return slot;
  }

  /**
   * Whether no newer version of this module has been made current. A loader built by a patch that
   * is still loading, or that failed, is not superseded either.
   */
  public boolean isCurrent() {
    return !superseded;
  }

  void supersede() {
    superseded = true;
  }

  /** Whether a class of this name is in this module's own class folders. */
  public boolean owns(String className) {
    return index.classFile(className) != null;
  }

  /** The classes this loader has defined so far, in order. */
  public List<Class<?>> definedClasses() {
    return List.copyOf(defined);
  }

  /** The classes of this loader whose static initializer has started, in that order. */
  public List<Class<?>> initializedClasses() {
    return List.copyOf(initialized);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    Class<?> found = findOwnClass(name);
    for (int i = 0; found == null && i < dependencies.size(); i++) {
      found = dependencies.get(i).findOwnClass(name);
    }
    if (found == null) {
      try {
        found = getParent().loadClass(name);
      } catch (ClassNotFoundException e) {
        throw notFound(name, e);
      }
    }
    if (resolve) {
      resolveClass(found);
    }
    return found;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> own = findOwnClass(name);
    if (own == null) {
      throw notFound(name, null);
    }
    return own;
  }

  /** This module's own class of that name, defining it if needed, or {@code null}. */
  Class<?> findOwnClass(String name) throws ClassNotFoundException {
    if (name.equals(DevModeTransformer.INIT_LOG_CLASS)) {
      return initLog;
    }
    ClassFolderIndex.Entry file = index.classFile(name);
    if (file == null) {
      return null;
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      return loaded != null ? loaded : define(name, file);
    }
  }

  private Class<?> define(String name, ClassFolderIndex.Entry file) throws ClassNotFoundException {
    byte[] original;
    try {
      original = Files.readAllBytes(file.path());
    } catch (IOException e) {
      throw new ClassNotFoundException(
          "Cannot read " + file.path() + " for class " + name + " of module " + spec.label(), e);
    }
    byte[] rewritten;
    try {
      rewritten = DevModeTransformer.transform(original);
    } catch (RuntimeException e) {
      ClassFormatError error =
          new ClassFormatError(
              file.path()
                  + " (class "
                  + name
                  + " of module "
                  + spec.label()
                  + ") is not a valid"
                  + " class file: "
                  + e);
      error.initCause(e);
      throw error;
    }
    Class<?> type = defineClass(name, rewritten, 0, rewritten.length, domains[file.folder()]);
    defined.add(type);
    return type;
  }

  private Class<?> defineInitLog() {
    byte[] bytes = DevModeTransformer.initLogClass();
    Class<?> log = defineClass(DevModeTransformer.INIT_LOG_CLASS, bytes, 0, bytes.length);
    Consumer<Class<?>> sink = initialized::add;
    try {
      log.getField(DevModeTransformer.INIT_LOG_FIELD).set(null, sink);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot set up the init log of " + this, e);
    }
    return log;
  }

  @Override
  public URL getResource(String name) {
    URL found = findResource(name);
    for (int i = 0; found == null && i < dependencies.size(); i++) {
      found = dependencies.get(i).findResource(name);
    }
    return found != null ? found : getParent().getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> found = ownResources(name);
    for (ModuleClassLoader dependency : dependencies) {
      found.addAll(dependency.ownResources(name));
    }
    found.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(found);
  }

  @Override
  protected URL findResource(String name) {
    ClassFolderIndex.Entry entry = index.first(name);
    return entry == null ? null : url(entry.path());
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    return Collections.enumeration(ownResources(name));
  }

  private List<URL> ownResources(String name) {
    List<URL> urls = new ArrayList<>();
    for (ClassFolderIndex.Entry entry : index.all(name)) {
      urls.add(url(entry.path()));
    }
    return urls;
  }

  private ClassNotFoundException notFound(String name, ClassNotFoundException cause) {
    StringBuilder searched = new StringBuilder();
    for (ModuleClassLoader dependency : dependencies) {
      searched.append(searched.length() == 0 ? "" : ", ").append(dependency.spec.label());
    }
    return new ClassNotFoundException(
        name
            + " not found by module "
            + spec.label()
            + " (searched its classes"
            + (searched.length() == 0 ? "" : ", modules " + searched)
            + " and the libraries)",
        cause);
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Cannot make a URL of " + path, e);
    }
  }

  @Override
  public String toString() {
    return "module " + spec.label();
  }
}
