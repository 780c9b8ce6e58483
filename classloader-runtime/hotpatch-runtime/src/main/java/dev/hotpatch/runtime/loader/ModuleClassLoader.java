package dev.hotpatch.runtime.loader;

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
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The class loader of one version of one workspace module.
 *
 * <p>Classes: the module's own class folders, then its workspace dependencies (their own classes
 * only, in the order of {@link ModuleVersion#dependencies()}), then the parent (the libraries
 * loader). While a loader is current its dependencies are the current loaders of those modules;
 * once a patch supersedes it, they stay the ones that were current then, so old code keeps linking
 * against the code of its own time. Resources, and so {@link java.util.ServiceLoader}
 * configuration, always come from the newest version of each module: they are data, not code.
 *
 * <p>Classes are rewritten as they are defined, see {@link DevModeTransformer}. The loader keeps
 * the classes it defined and those the application initialized, in order, so that a patch can carry
 * their statics. These lists live in the loader itself, which the JVM makes hold its classes
 * anyway, so they keep nothing alive that the loader would not.
 */
public final class ModuleClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  /** One build's class folders, indexed: what classes are defined from. */
  private record Source(ModuleVersion spec, ClassFolderIndex index, ProtectionDomain[] domains) {
    /**
     * The source of {@code spec}, made from {@code previous} (an earlier build of the module, or
     * null) so that only the layers added since are read.
     */
    static Source of(ModuleVersion spec, Source previous) {
      ClassFolderIndex index =
          previous == null
              ? ClassFolderIndex.of(spec.classes(), spec.deleted())
              : previous.index().next(spec.classes(), spec.deleted());
      return of(spec, index, previous);
    }

    /** The source of {@code spec} with its {@code index} already made from {@code previous}. */
    static Source of(ModuleVersion spec, ClassFolderIndex index, Source previous) {
      List<Path> layers = index.layers();
      ProtectionDomain[] domains = new ProtectionDomain[layers.size()];
      for (int i = 0; i < domains.length; i++) {
        boolean same =
            previous != null
                && i < previous.domains().length
                && previous.index().layers().get(i).equals(layers.get(i));
        domains[i] =
            same
                ? previous.domains()[i]
                : new ProtectionDomain(
                    new CodeSource(url(layers.get(i)), (Certificate[]) null), null);
      }
      return new Source(spec, index, domains);
    }
  }

  private final ModuleRegistry registry;
  // The stable layer when the parent is one: its classes are never this module's own.
  private final StableLoader stable;
  private final int createdVersion;
  private final Class<?> initHooks;
  private final Queue<Class<?>> defined = new ConcurrentLinkedQueue<>();
  private final Queue<Class<?>> initialized = new ConcurrentLinkedQueue<>();
  private final Map<String, Set<String>> hotCallSites = new ConcurrentHashMap<>();
  private volatile Source source;
  // Non-null while the loader is built for a patch (the patch's loaders) and once superseded (the
  // loaders current at that moment); null while current: then the registry's current ones.
  private volatile Map<String, ModuleClassLoader> pinnedDependencies;
  private volatile boolean pending = true;
  private volatile long codeVersion;
  private volatile Map<String, ClassCarry> carries = Map.of();

  /**
   * Creates the loader and indexes its class folders. It stays pending, finding its dependencies in
   * {@code dependencies} and its resources in itself, until {@link #publish} is called.
   *
   * @param dependencies the loaders of at least {@code spec.dependencies()}, by module name
   * @throws UncheckedIOException if a class folder cannot be read
   */
  public ModuleClassLoader(
      ModuleVersion spec,
      ModuleRegistry registry,
      Map<String, ModuleClassLoader> dependencies,
      ClassLoader parent) {
    // The loader's name shows in stack traces as "core@v2//demo.core.Config.load(Config.java:12)".
    super(spec.label(), parent);
    for (String dependency : spec.dependencies()) {
      if (dependencies.get(dependency) == null) {
        throw new IllegalArgumentException(spec.label() + " needs a loader for " + dependency);
      }
    }
    this.registry = registry;
    this.stable = parent instanceof StableLoader layer ? layer : null;
    this.createdVersion = spec.version();
    this.source = Source.of(spec, newestSource(registry.history(spec.name())));
    this.pinnedDependencies = Map.copyOf(dependencies);
    this.initHooks = defineInitHooks();
    registry.history(spec.name()).register(this);
  }

  /** The source of the module's newest loader still alive, to index a next build from. */
  private static Source newestSource(ModuleHistory history) {
    List<ModuleClassLoader> live = history.liveLoaders();
    return live.isEmpty() ? null : live.get(live.size() - 1).source;
  }

  public ModuleRegistry registry() {
    return registry;
  }

  /** The build this loader defines classes from; an in-place patch moves it to a newer build. */
  public ModuleVersion spec() {
    return source.spec();
  }

  public String moduleName() {
    return source.spec().name();
  }

  /** The version of the build this loader was made for, as its name says. */
  public int createdVersion() {
    return createdVersion;
  }

  /** The {@code Hot.version()} at which this loader's code was last replaced. */
  public long codeVersion() {
    return codeVersion;
  }

  /** Whether this is the current loader of its module. */
  public boolean isCurrent() {
    Generation generation = registry.current();
    return !pending && generation != null && generation.loader(moduleName()) == this;
  }

  /**
   * Whether a patch replaced this loader: neither current nor still being built for a patch (whose
   * static initializers and hooks run its code before it is current).
   */
  public boolean isSuperseded() {
    return !pending && !isCurrent();
  }

  /** Called when this loader becomes current, at {@code Hot.version()} {@code version}. */
  public void publish(long version) {
    codeVersion = version;
    pinnedDependencies = null;
    pending = false;
  }

  /** Called when a patch replaces this loader: its dependencies stay those of {@code previous}. */
  public void supersede(Generation previous) {
    pinnedDependencies = previous.loaders();
  }

  /**
   * The class files of {@code spec}, a newer build of this loader's module: only the layers this
   * loader has not indexed yet are read, so an in-place patch costs what changed, not the module.
   */
  public ClassFolderIndex indexOf(ModuleVersion spec) {
    return source.index().next(spec.classes(), spec.deleted());
  }

  /**
   * Called when an in-place patch redefined this loader's classes: classes not loaded yet come from
   * {@code spec}'s folders from now on.
   *
   * @param index {@code spec}'s class files, as {@link #indexOf} gave them for the patch
   */
  public void moveTo(ModuleVersion spec, ClassFolderIndex index, long version) {
    source = Source.of(spec, index, source);
    codeVersion = version;
  }

  /**
   * Whether a class of this name is in this module's own class folders and this loader defines it
   * (classes of the stable layer it leaves to that).
   */
  public boolean owns(String className) {
    return source.index().classFile(className) != null && !isStable(className);
  }

  /** The binary names of every class this loader defines from its build. */
  public Set<String> classNames() {
    Set<String> names = new TreeSet<>(source.index().classNames());
    if (stable != null) {
      names.removeAll(stable.classNames());
    }
    return names;
  }

  private boolean isStable(String className) {
    return stable != null && stable.holds(className);
  }

  /** This loader's class named {@code className} if it has defined one, else {@code null}. */
  public Class<?> loadedClass(String className) {
    return findLoadedClass(className);
  }

  /** The classes this loader has defined so far, in order. */
  public List<Class<?>> definedClasses() {
    return List.copyOf(defined);
  }

  /** The classes of this loader whose static initializer has started, in that order. */
  public List<Class<?>> initializedClasses() {
    return List.copyOf(initialized);
  }

  /**
   * Whether the instruction at {@code bci} of the method {@code method}{@code descriptor} of {@code
   * className} is a {@code Hot.call} that was rewritten into an {@code invokedynamic}.
   */
  public boolean isHotCallSite(String className, String method, String descriptor, int bci) {
    Set<String> sites = hotCallSites.get(className);
    return sites != null && sites.contains(DevModeTransformer.siteKey(method, descriptor, bci));
  }

  public void recordHotCallSites(String className, Set<String> sites) {
    if (sites.isEmpty()) {
      hotCallSites.remove(className);
    } else {
      hotCallSites.put(className, sites);
    }
  }

  /**
   * Sets how this loader's classes are initialized during a patch: the static initializer of a
   * class named in {@code carries} consults its carry; {@code Map.of()} once the patch is loaded.
   */
  public void expectInitializations(Map<String, ClassCarry> carries) {
    this.carries = Map.copyOf(carries);
  }

  /** Called first thing by every static initializer: whether to skip the class's own code. */
  private boolean enterInitializer(Class<?> type) {
    initialized.add(type);
    ClassCarry carry = carries.get(type.getName());
    return carry != null && carry.skipsInitializer();
  }

  /** Called last thing by every static initializer that completes. */
  private void exitInitializer(Class<?> type) {
    ClassCarry carry = carries.get(type.getName());
    if (carry != null) {
      carry.restore(type);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    Class<?> found = findOwnClass(name);
    if (found == null) {
      Map<String, ModuleClassLoader> pinned = pinnedDependencies;
      Generation generation = pinned == null ? registry.current() : null;
      for (String dependency : spec().dependencies()) {
        ModuleClassLoader loader =
            pinned != null ? pinned.get(dependency) : generation.loader(dependency);
        found = loader.findOwnClass(name);
        if (found != null) {
          break;
        }
      }
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
    if (name.equals(DevModeTransformer.INIT_HOOKS_CLASS)) {
      return initHooks;
    }
    Source from = source;
    ClassFolderIndex.Entry file = from.index().classFile(name);
    if (file == null || isStable(name)) {
      return null;
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      return loaded != null ? loaded : define(name, file, from);
    }
  }

  private Class<?> define(String name, ClassFolderIndex.Entry file, Source from)
      throws ClassNotFoundException {
    byte[] original;
    try {
      original = Files.readAllBytes(file.path());
    } catch (IOException e) {
      throw new ClassNotFoundException(
          "Cannot read " + file.path() + " for class " + name + " of module " + label(), e);
    }
    DevModeTransformer.Transformed rewritten;
    try {
      rewritten = DevModeTransformer.transform(original);
    } catch (RuntimeException e) {
      ClassFormatError error =
          new ClassFormatError(
              file.path()
                  + " (class "
                  + name
                  + " of module "
                  + label()
                  + ") is not a valid class file: "
                  + e);
      error.initCause(e);
      throw error;
    }
    byte[] bytes = rewritten.bytes();
    Class<?> type = defineClass(name, bytes, 0, bytes.length, from.domains()[file.layer()]);
    recordHotCallSites(name, rewritten.hotCallSites());
    defined.add(type);
    return type;
  }

  private Class<?> defineInitHooks() {
    byte[] bytes = DevModeTransformer.initHooksClass();
    Class<?> hooks = defineClass(DevModeTransformer.INIT_HOOKS_CLASS, bytes, 0, bytes.length);
    Predicate<Class<?>> enter = this::enterInitializer;
    Consumer<Class<?>> exit = this::exitInitializer;
    try {
      hooks.getField(DevModeTransformer.ENTER_FIELD).set(null, enter);
      hooks.getField(DevModeTransformer.EXIT_FIELD).set(null, exit);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot set up the initializer hooks of " + this, e);
    }
    return hooks;
  }

  /** The loader whose resources count as {@code module}'s: the newest version of that module. */
  private ModuleClassLoader resourcesOf(String module) {
    Map<String, ModuleClassLoader> pinned = pinnedDependencies;
    if (pending) {
      return module.equals(moduleName()) ? this : pinned.get(module);
    }
    return registry.current().loader(module);
  }

  private List<ModuleClassLoader> resourceLoaders() {
    List<ModuleClassLoader> loaders = new ArrayList<>();
    loaders.add(resourcesOf(moduleName()));
    for (String dependency : spec().dependencies()) {
      loaders.add(resourcesOf(dependency));
    }
    return loaders;
  }

  @Override
  public URL getResource(String name) {
    for (ModuleClassLoader loader : resourceLoaders()) {
      URL found = loader.findResource(name);
      if (found != null) {
        return found;
      }
    }
    return getParent().getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> found = new ArrayList<>();
    for (ModuleClassLoader loader : resourceLoaders()) {
      found.addAll(loader.ownResources(name));
    }
    found.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(found);
  }

  @Override
  protected URL findResource(String name) {
    URL found = ownResource(name);
    if (found != null) {
      registry.history(moduleName()).resourceReads().read(name);
    }
    return found;
  }

  /** The module's resource of this name, for the runtime's own use: not counted as a read. */
  URL ownResource(String name) {
    ClassFolderIndex.Entry entry = source.index().first(name);
    return entry == null ? null : url(entry.path());
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    return Collections.enumeration(ownResources(name));
  }

  private List<URL> ownResources(String name) {
    List<URL> urls = new ArrayList<>();
    for (ClassFolderIndex.Entry entry : source.index().all(name)) {
      urls.add(url(entry.path()));
    }
    if (!urls.isEmpty()) {
      registry.history(moduleName()).resourceReads().read(name);
    }
    return urls;
  }

  private ClassNotFoundException notFound(String name, ClassNotFoundException cause) {
    List<String> searched = new ArrayList<>();
    Map<String, ModuleClassLoader> pinned = pinnedDependencies;
    Generation generation = pinned == null ? registry.current() : null;
    for (String dependency : spec().dependencies()) {
      ModuleClassLoader loader =
          pinned != null ? pinned.get(dependency) : generation.loader(dependency);
      searched.add(loader.label());
    }
    return new ClassNotFoundException(
        name
            + " not found by module "
            + label()
            + " (searched its classes"
            + (searched.isEmpty() ? "" : ", modules " + String.join(", ", searched))
            + " and the libraries)",
        cause);
  }

  /** Module and version of the build this loader defines classes from: {@code core@v2}. */
  public String label() {
    return spec().label();
  }

  static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Cannot make a URL of " + path, e);
    }
  }

  @Override
  public String toString() {
    return "module " + label();
  }
}
