package dev.hotpatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The compiled main classes of one module, by package, for the tests that keep each module's
 * architecture: no package cycles, no package of too many classes, no dependency the module must
 * not have. Read from the class files rather than the sources, so that every use counts; see {@link
 * CompiledClass} for what a use is.
 */
public final class CompiledPackages {
  /** The packages of every module of the JDK this test runs on. */
  private static final Set<String> JDK_PACKAGES = jdkPackages();

  private final Path root;
  private final List<CompiledClass> classes;
  private final Set<String> packages = new TreeSet<>();

  private CompiledPackages(Path root, List<CompiledClass> classes) {
    this.root = root;
    this.classes = List.copyOf(classes);
    classes.forEach(c -> packages.add(c.packageName()));
  }

  /**
   * The main classes of the module that holds {@code mainClass}: every class file of the folder it
   * was loaded from (the module's {@code target/classes} when its tests run), {@code package-info}
   * and {@code module-info} left out.
   *
   * @throws IllegalStateException when the class was loaded from a jar rather than a folder
   */
  public static CompiledPackages of(Class<?> mainClass) {
    Path folder;
    try {
      folder = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return read(folder);
  }

  /** The classes of a compiler output folder such as {@code target/classes}. */
  public static CompiledPackages read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(
          "Not a folder of compiled classes: " + folder + ". Run the test from its module's build");
    }
    List<CompiledClass> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class")
            && !name.equals("package-info.class")
            && !name.equals("module-info.class")) {
          classes.add(CompiledClass.read(Files.readAllBytes(file)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CompiledPackages(folder, classes);
  }

  /** The folder the classes were read from. */
  public Path folder() {
    return root;
  }

  public List<CompiledClass> classes() {
    return classes;
  }

  /** The packages of the classes read, dotted, sorted. */
  public Set<String> packages() {
    return packages;
  }

  /**
   * Which package of the module uses which other package of it, each use with one class that makes
   * it: {@code "patch.HotRuntime uses loader.ModuleClassLoader"}. Uses of other modules' packages
   * and of a package's own classes are left out.
   */
  public Map<String, Map<String, String>> graph() {
    String common = commonPackage();
    Map<String, Map<String, String>> graph = new TreeMap<>();
    for (CompiledClass type : classes) {
      Map<String, String> uses = graph.computeIfAbsent(type.packageName(), p -> new TreeMap<>());
      for (String used : type.uses()) {
        String target = CompiledClass.packageOf(used);
        if (!target.equals(type.packageName()) && packages.contains(target)) {
          uses.putIfAbsent(
              target, shortName(type.name(), common) + " uses " + shortName(used, common));
        }
      }
    }
    return graph;
  }

  /**
   * Every package cycle, one per group of packages that reach each other, as the shortest way round
   * from the first package of the group; empty when there is none.
   */
  public List<String> cycles() {
    return cycles(graph());
  }

  /**
   * Every cycle of {@code graph} (package to used package to the use that makes the step), one per
   * group of packages that reach each other, as the shortest way round from the first package of
   * the group: {@code a -> b (a.Uses uses b.Used) -> a (b.Other uses a.Base)}.
   */
  public static List<String> cycles(Map<String, Map<String, String>> graph) {
    List<String> cycles = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    for (String start : graph.keySet()) {
      if (reported.contains(start)) {
        continue;
      }
      List<String> way = shortestWayBack(graph, start);
      if (way != null) {
        reported.addAll(way);
        StringBuilder cycle = new StringBuilder(start);
        for (int i = 0; i + 1 < way.size(); i++) {
          String from = way.get(i);
          String to = way.get(i + 1);
          cycle.append(" -> ").append(to).append(" (").append(graph.get(from).get(to)).append(")");
        }
        cycles.add(cycle.toString());
      }
    }
    return cycles;
  }

  /** The shortest path from {@code start} back to it, both ends included, or {@code null}. */
  private static List<String> shortestWayBack(
      Map<String, Map<String, String>> graph, String start) {
    Map<String, String> reachedFrom = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String from = queue.poll();
      for (String to : graph.getOrDefault(from, Map.of()).keySet()) {
        if (to.equals(start)) {
          List<String> way = new ArrayList<>(List.of(start));
          for (String at = from; !at.equals(start); at = reachedFrom.get(at)) {
            way.add(1, at);
          }
          way.add(start);
          return way;
        }
        if (!reachedFrom.containsKey(to)) {
          reachedFrom.put(to, from);
          queue.add(to);
        }
      }
    }
    return null;
  }

  /** The number of top-level classes of each package; nested classes do not count. */
  public SortedMap<String, Integer> topLevelClasses() {
    SortedMap<String, Integer> counts = new TreeMap<>();
    for (CompiledClass type : classes) {
      if (!type.nested()) {
        counts.merge(type.packageName(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The packages of more than {@code max} top-level classes, with their count. */
  public SortedMap<String, Integer> packagesLargerThan(int max) {
    SortedMap<String, Integer> tooBig = new TreeMap<>(topLevelClasses());
    tooBig.values().removeIf(count -> count <= max);
    return tooBig;
  }

  /** The top-level classes of the module. */
  public int topLevelClassCount() {
    return (int) classes.stream().filter(c -> !c.nested()).count();
  }

  /**
   * Each class that uses a class whose internal name starts with one of {@code prefixes} ({@code
   * org/apache/maven/}), with the classes of those prefixes it uses; empty when none does.
   */
  public SortedMap<String, SortedSet<String>> uses(String... prefixes) {
    return usesOf(used -> Stream.of(prefixes).anyMatch(used::startsWith));
  }

  /**
   * Each class that uses a class of neither this module, the JDK nor one of the {@code allowed}
   * prefixes ({@code org/objectweb/asm/}), with those classes; empty when the module needs nothing
   * else.
   */
  public SortedMap<String, SortedSet<String>> usesOutsideTheJdk(String... allowed) {
    return usesOf(
        used -> {
          String pkg = CompiledClass.packageOf(used);
          return !packages.contains(pkg)
              && !JDK_PACKAGES.contains(pkg)
              && Stream.of(allowed).noneMatch(used::startsWith);
        });
  }

  /** Each class that uses a class {@code wanted} accepts, with those classes. */
  public SortedMap<String, SortedSet<String>> usesOf(Predicate<String> wanted) {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    for (CompiledClass type : classes) {
      for (String used : type.uses()) {
        if (wanted.test(used)) {
          out.computeIfAbsent(type.name(), n -> new TreeSet<>()).add(used);
        }
      }
    }
    return out;
  }

  private static Set<String> jdkPackages() {
    Set<String> out = new HashSet<>();
    for (ModuleReference module : ModuleFinder.ofSystem().findAll()) {
      out.addAll(module.descriptor().packages());
    }
    return Set.copyOf(out);
  }

  /** The package all others are in, dotted, to shorten names in messages; "" if none. */
  private String commonPackage() {
    String common = null;
    for (String pkg : packages) {
      if (common == null) {
        common = pkg;
      }
      while (!pkg.equals(common) && !pkg.startsWith(common + ".") && !common.isEmpty()) {
        int dot = common.lastIndexOf('.');
        common = dot < 0 ? "" : common.substring(0, dot);
      }
    }
    return common == null ? "" : common;
  }

  /**
   * {@code loader.Generation} for {@code dev/hotpatch/runtime/loader/Generation} in a module whose
   * packages are all in {@code dev.hotpatch.runtime}; {@code runtime.ModuleVersion} for a class of
   * that common package itself.
   */
  private static String shortName(String internalName, String common) {
    String dotted = internalName.replace('/', '.');
    if (common.isEmpty() || !dotted.startsWith(common + ".")) {
      return dotted;
    }
    String relative = dotted.substring(common.length() + 1);
    String last = common.substring(common.lastIndexOf('.') + 1);
    return relative.contains(".") ? relative : last + "." + relative;
  }
}
