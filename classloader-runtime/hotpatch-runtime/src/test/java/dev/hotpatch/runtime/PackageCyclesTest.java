package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Keeps the runtime's packages one job each: no package uses a class of a package that uses one of
 * its classes back, directly or through other packages, and none holds more than {@value
 * #MAX_CLASSES} classes.
 *
 * <p>Reads the compiled main classes rather than the imports, so that every use counts: a type in a
 * signature, a field or method of another class, a class literal. What a class names only in a
 * string (the launcher's entry class) or in a comment is no use.
 */
class PackageCyclesTest {
  private static final int MAX_CLASSES = 25;
  private static final String RUNTIME = "dev/hotpatch/runtime/";
  private static final int CONSTANT_UTF8 = 1;
  private static final int CONSTANT_CLASS = 7;
  private static final int CONSTANT_STRING = 8;
  // A class named in a descriptor or a generic signature: Ldev/hotpatch/runtime/loader/Generation;
  private static final Pattern NAMED = Pattern.compile("L(" + RUNTIME + "[\\w/$]+)[;<]");

  /** One class of the runtime: its internal name, the runtime classes it uses, whether nested. */
  private record CompiledClass(String name, Set<String> uses, boolean nested) {
    String packageName() {
      return packageOf(name);
    }
  }

  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    Map<String, Map<String, String>> graph = packageGraph(mainClasses());

    assertThat(cycles(graph)).as("package cycles of the runtime").isEmpty();
  }

  @Test
  void noPackageHoldsMoreThan25Classes() {
    Map<String, Set<String>> topLevel = new TreeMap<>();
    for (CompiledClass type : mainClasses()) {
      if (!type.nested()) {
        topLevel.computeIfAbsent(type.packageName(), p -> new TreeSet<>()).add(type.name());
      }
    }

    Map<String, Integer> tooBig = new TreeMap<>();
    topLevel.forEach(
        (name, classes) -> {
          if (classes.size() > MAX_CLASSES) {
            tooBig.put(name, classes.size());
          }
        });
    assertThat(tooBig)
        .as("packages of more than %d top-level classes; split them by job", MAX_CLASSES)
        .isEmpty();
  }

  /** Guards the two tests above against passing because they read nothing. */
  @Test
  void theClassesReadAreTheRuntimesWithTheirUses() {
    List<CompiledClass> classes = mainClasses();
    Map<String, Map<String, String>> graph = packageGraph(classes);

    assertThat(classes).extracting(CompiledClass::name).contains(RUNTIME + "ModuleVersion");
    assertThat(graph)
        .containsKeys("dev.hotpatch.runtime.loader", "dev.hotpatch.runtime.patch")
        .doesNotContainKey("dev.hotpatch.runtime.shaded");
    // HotRuntime builds ModuleClassLoaders; ModuleClassLoader.spec() returns a ModuleVersion.
    assertThat(graph.get("dev.hotpatch.runtime.patch")).containsKey("dev.hotpatch.runtime.loader");
    assertThat(graph.get("dev.hotpatch.runtime.loader")).containsKey("dev.hotpatch.runtime");
    // Nested and anonymous classes count for their package's uses but not as its classes.
    assertThat(classes)
        .filteredOn(c -> c.name().equals(RUNTIME + "ModulePatch$Strategy"))
        .singleElement()
        .extracting(CompiledClass::nested)
        .isEqualTo(true);
  }

  @Test
  void aCycleIsNamedWithAClassThatMakesEachStep() {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    graph.put("a", new TreeMap<>(Map.of("b", "a.Uses uses b.Used")));
    graph.put("b", new TreeMap<>(Map.of("c", "b.Other uses c.Thing")));
    graph.put("c", new TreeMap<>(Map.of("a", "c.Thing uses a.Base")));
    graph.put("d", new TreeMap<>(Map.of("a", "d.Top uses a.Base")));

    assertThat(cycles(graph))
        .containsExactly(
            "a -> b (a.Uses uses b.Used) -> c (b.Other uses c.Thing) -> a (c.Thing uses a.Base)");
  }

  /**
   * Every cycle of {@code graph}, one per group of packages that reach each other, as the shortest
   * way round from the first package of the group.
   */
  private static List<String> cycles(Map<String, Map<String, String>> graph) {
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

  /**
   * Which package uses which, each use with one class that makes it: {@code "patch.HotRuntime uses
   * loader.ModuleClassLoader"}. A package's uses of itself are left out.
   */
  private static Map<String, Map<String, String>> packageGraph(List<CompiledClass> classes) {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    for (CompiledClass type : classes) {
      Map<String, String> uses = graph.computeIfAbsent(type.packageName(), p -> new TreeMap<>());
      for (String used : type.uses()) {
        String target = packageOf(used);
        if (!target.equals(type.packageName())) {
          uses.putIfAbsent(target, shortName(type.name()) + " uses " + shortName(used));
        }
      }
    }
    return graph;
  }

  private static List<CompiledClass> mainClasses() {
    Path root;
    try {
      root =
          Path.of(ModuleVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    assertThat(root).as("the runtime's compiled main classes").isDirectory();
    List<CompiledClass> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve(RUNTIME))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name =
            root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (name.endsWith(".class")
            && !name.endsWith("/package-info.class")
            && !name.endsWith("/module-info.class")) {
          classes.add(read(Files.readAllBytes(file)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return classes;
  }

  /**
   * Reads the runtime classes that {@code bytes} uses from its constant pool: the classes it names
   * (superclass, interfaces, owners of the fields and methods it uses, class literals, catch types)
   * and those in its descriptors and signatures. String constants are skipped.
   */
  private static CompiledClass read(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    char[] buffer = new char[reader.getMaxStringLength()];
    Set<Integer> strings = new HashSet<>();
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_STRING) {
        strings.add(reader.readUnsignedShort(offset));
      }
    }
    Set<String> uses = new TreeSet<>();
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      if (offset == 0) {
        continue; // The second slot of a long or double.
      }
      int tag = reader.readByte(offset - 1);
      if (tag == CONSTANT_CLASS) {
        String named = reader.readUTF8(offset, buffer);
        if (named.startsWith(RUNTIME)) {
          uses.add(named);
        } else {
          addNamed(named, uses); // An array class: [Ldev/hotpatch/runtime/...;
        }
      } else if (tag == CONSTANT_UTF8 && !strings.contains(i)) {
        addNamed(utf8(bytes, offset), uses);
      }
    }
    String name = reader.getClassName();
    uses.remove(name);
    boolean[] nested = new boolean[1];
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public void visitInnerClass(
              String inner, String outerName, String innerName, int access) {
            nested[0] |= inner.equals(name);
          }
        },
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new CompiledClass(name, uses, nested[0]);
  }

  private static void addNamed(String text, Set<String> uses) {
    Matcher named = NAMED.matcher(text);
    while (named.find()) {
      uses.add(named.group(1));
    }
  }

  /** The CONSTANT_Utf8_info at {@code offset}: a length, then modified UTF-8. */
  private static String utf8(byte[] bytes, int offset) {
    try {
      int length = ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
      return new DataInputStream(new ByteArrayInputStream(bytes, offset, length + 2)).readUTF();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code dev.hotpatch.runtime.loader} for {@code dev/hotpatch/runtime/loader/Generation$1}. */
  private static String packageOf(String internalName) {
    return internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
  }

  /** {@code loader.Generation} for {@code dev/hotpatch/runtime/loader/Generation}. */
  private static String shortName(String internalName) {
    String relative = internalName.substring(RUNTIME.length()).replace('/', '.');
    return relative.contains(".") ? relative : "runtime." + relative;
  }
}
