package dev.hotpatch.diff.internal.store;

import dev.hotpatch.diff.classfile.ClassApi;
import dev.hotpatch.diff.internal.names.Names;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * The classes of one module build, by internal name, with what has been worked out about them.
 *
 * <p>A build is immutable, so fingerprints and facts computed once stay valid. A store derived from
 * another ({@link #derive}) shares the bytes of every unchanged class and what was worked out about
 * them, without a copy ({@link SharedCache}): the next version of a module costs in proportion to
 * what changed in it. Stored bytes are never handed out to callers outside module-diff, so they
 * cannot be changed behind the caches' back.
 *
 * <p>It knows how to read classes, not what its callers make of them: values worked out elsewhere
 * (the comparison's fingerprints, say) are kept under a {@link Key} of the caller's, so that they
 * share the store's lifetime and carry-over without the store depending on their kind.
 */
public final class ClassStore {
  private final Map<String, byte[]> classes;
  private final Map<String, String> unreadable;
  private final ReadCounter counter;
  private final SharedCache<ClassRefs> refs;
  private final SharedCache<ClassApi> apis;

  /**
   * Other facts kept once per class version: by the reader that computes them from the bytes
   * ({@link #memo}), or by the {@link Key} a caller keeps them under ({@link #cached}).
   */
  private final Map<Object, SharedCache<Object>> memos;

  /** The store this one was derived from, and the names whose bytes may differ from it. */
  private final WeakReference<ClassStore> derivedFrom;

  private final Set<String> delta;
  private volatile ModuleFacts facts;
  private volatile Map<String, List<String>> packages;
  private volatile Map<String, List<String>> subtypes;
  private volatile long byteSize = -1;

  /**
   * @param classes class bytes by internal name; the store owns the map and the arrays
   * @param unreadable class files that could not be read, by internal name, with the reason
   */
  public ClassStore(
      Map<String, byte[]> classes, Map<String, String> unreadable, ReadCounter counter) {
    this(
        classes,
        unreadable,
        counter,
        new SharedCache<>(),
        new SharedCache<>(),
        new ConcurrentHashMap<>(),
        null,
        Set.of());
  }

  private ClassStore(
      Map<String, byte[]> classes,
      Map<String, String> unreadable,
      ReadCounter counter,
      SharedCache<ClassRefs> refs,
      SharedCache<ClassApi> apis,
      Map<Object, SharedCache<Object>> memos,
      ClassStore derivedFrom,
      Set<String> delta) {
    this.classes = Collections.unmodifiableMap(classes);
    this.unreadable = Map.copyOf(unreadable);
    this.counter = counter;
    this.refs = refs;
    this.apis = apis;
    this.memos = memos;
    this.derivedFrom = new WeakReference<>(derivedFrom);
    this.delta = Set.copyOf(delta);
  }

  /**
   * The next build: this one with {@code changed} classes added or replaced and {@code removed}
   * ones gone. Everything known of the classes that stay the same is carried over.
   *
   * @param changed class bytes by internal name, owned by the new store from now on; a null value
   *     stands for a file that could not be read, with its reason in {@code unreadable}
   */
  public ClassStore derive(
      Map<String, byte[]> changed, Set<String> removed, Map<String, String> unreadableNow) {
    Map<String, byte[]> next = new HashMap<>(classes);
    Map<String, String> problems = new TreeMap<>(unreadable);
    Set<String> touched = new HashSet<>();
    for (String name : removed) {
      if (next.remove(name) != null || classes.containsKey(name)) {
        touched.add(name);
      }
      problems.remove(name);
    }
    changed.forEach(
        (name, bytes) -> {
          byte[] old = classes.get(name);
          if (old == null || bytes == null || !Arrays.equals(old, bytes)) {
            next.put(name, bytes);
            touched.add(name);
            problems.remove(name);
          }
        });
    problems.putAll(unreadableNow);
    ClassStore derived =
        new ClassStore(
            next,
            problems,
            counter,
            refs.derive(touched),
            apis.derive(touched),
            carriedMemos(touched),
            this,
            touched);
    derived.packages = derivedIndex(packages, touched, next, ClassStore::packageOf);
    Map<String, List<String>> known = subtypes;
    if (known != null) {
      derived.subtypes = derived.derivedSubtypes(known, this, touched);
    }
    return derived;
  }

  private Map<Object, SharedCache<Object>> carriedMemos(Set<String> touched) {
    Map<Object, SharedCache<Object>> carried = new ConcurrentHashMap<>();
    memos.forEach((key, values) -> carried.put(key, values.derive(touched)));
    return carried;
  }

  /**
   * The names of classes whose bytes may differ between {@code before} and this store, in either
   * direction: only the classes this store changed when it was derived from {@code before}.
   */
  public Set<String> changedSince(ClassStore before) {
    if (before == this) {
      return Set.of();
    }
    if (derivedFrom.get() == before) {
      return delta;
    }
    Set<String> out = new HashSet<>();
    for (Map.Entry<String, byte[]> e : before.classes.entrySet()) {
      byte[] now = classes.get(e.getKey());
      if (now == null || !sameBytes(e.getValue(), now)) {
        out.add(e.getKey());
      }
    }
    for (String name : classes.keySet()) {
      if (!before.classes.containsKey(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** Whether two stored classes are the same class file; unreadable ones never are. */
  public static boolean sameBytes(byte[] a, byte[] b) {
    return a == b ? a != null : a != null && b != null && Arrays.equals(a, b);
  }

  /** Every class name, including those whose file could not be read. */
  public Set<String> names() {
    return classes.keySet();
  }

  public boolean contains(String internalName) {
    return classes.containsKey(internalName);
  }

  /** The bytes as stored; null when the file could not be read. Callers must not modify them. */
  public byte[] bytes(String internalName) {
    return classes.get(internalName);
  }

  public int size() {
    return classes.size();
  }

  /** The bytes of every readable class, added up. */
  public long byteSize() {
    long size = byteSize;
    if (size < 0) {
      size = 0;
      for (byte[] bytes : classes.values()) {
        size += bytes == null ? 0 : bytes.length;
      }
      byteSize = size;
    }
    return size;
  }

  public Map<String, String> unreadable() {
    return unreadable;
  }

  public ReadCounter counter() {
    return counter;
  }

  /** Parses a class; not cached, since trees are large and only changed classes need them. */
  public ClassNode node(String internalName) throws ClassReadException {
    String problem = unreadable.get(internalName);
    if (problem != null) {
      throw new ClassReadException(internalName, problem, null);
    }
    counter.countParse();
    return parse(internalName, classes.get(internalName));
  }

  /** Parses a class file; frames are skipped, since they follow from the code. */
  private static ClassNode parse(String className, byte[] bytes) throws ClassReadException {
    if (bytes == null) {
      throw new ClassReadException(className, "the class file could not be read", null);
    }
    try {
      ClassNode node = new ClassNode();
      new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
      return node;
    } catch (RuntimeException e) {
      // ASM signals malformed input with assorted runtime exceptions.
      throw new ClassReadException(className, String.valueOf(e), e);
    }
  }

  /**
   * Names one kind of value that a caller works out about a class (from its parsed tree, say) and
   * keeps in the store: kept once per class version, and carried over to a derived store for every
   * class that did not change. Keys are compared by identity: keep one key object per kind.
   *
   * @param <T> the kind of value kept under the key
   */
  public static final class Key<T> {
    private final String name;

    public Key(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return "ClassStore.Key[" + name + "]";
    }
  }

  /** What is kept under {@code key} for a class, or null when nothing was kept yet. */
  @SuppressWarnings("unchecked")
  public <T> T cached(Key<T> key, String internalName) {
    SharedCache<Object> values = memos.get(key);
    return values == null ? null : (T) values.get(internalName);
  }

  /**
   * What is kept under {@code key} for a class, computed by {@code compute} and kept the first
   * time. The store does not count a parse for it: {@code compute} gets its tree from {@link
   * #node}, which does.
   */
  @SuppressWarnings("unchecked")
  public <T> T cached(Key<T> key, String internalName, Supplier<? extends T> compute) {
    return (T)
        memos
            .computeIfAbsent(key, k -> new SharedCache<>())
            .computeIfAbsent(internalName, n -> compute.get());
  }

  /**
   * What a class uses and declares, read once per class version.
   *
   * @throws ClassReadException when the class cannot be read
   */
  public ClassRefs refs(String internalName) throws ClassReadException {
    ClassRefs known = refs.get(internalName);
    if (known != null) {
      return known;
    }
    byte[] bytes = readable(internalName);
    try {
      counter.countParse();
      ClassRefs read = ClassRefs.read(internalName, bytes);
      refs.put(internalName, read);
      return read;
    } catch (RuntimeException e) {
      // ASM signals malformed input with assorted runtime exceptions.
      throw new ClassReadException(internalName, String.valueOf(e), e);
    }
  }

  /**
   * The API of a class, read once per class version.
   *
   * @throws ClassReadException when the class cannot be read
   */
  public ClassApi api(String internalName) throws ClassReadException {
    ClassApi known = apis.get(internalName);
    if (known != null) {
      return known;
    }
    byte[] bytes = readable(internalName);
    try {
      counter.countParse();
      ClassApi read = ApiReader.read(bytes);
      apis.put(internalName, read);
      return read;
    } catch (RuntimeException e) {
      throw new ClassReadException(internalName, String.valueOf(e), e);
    }
  }

  /**
   * What {@code reader} makes of a class, read once per class version: a derived store keeps the
   * values of the classes that did not change. Give the same reader object every time.
   *
   * @throws ClassReadException when the class cannot be read
   */
  @SuppressWarnings("unchecked")
  public <T> T memo(Function<byte[], T> reader, String internalName) throws ClassReadException {
    SharedCache<Object> values = memos.computeIfAbsent(reader, r -> new SharedCache<>());
    Object known = values.get(internalName);
    if (known != null) {
      return (T) known;
    }
    byte[] bytes = readable(internalName);
    try {
      counter.countParse();
      T read = reader.apply(bytes);
      values.put(internalName, read);
      return read;
    } catch (RuntimeException e) {
      throw new ClassReadException(internalName, String.valueOf(e), e);
    }
  }

  private byte[] readable(String internalName) throws ClassReadException {
    String problem = unreadable.get(internalName);
    byte[] bytes = classes.get(internalName);
    if (problem != null || bytes == null) {
      throw new ClassReadException(
          internalName,
          problem != null ? problem : "the module has no class " + Names.binary(internalName),
          null);
    }
    return bytes;
  }

  /** References, facades and stable types of the whole module, computed on first use. */
  public ModuleFacts facts() {
    ModuleFacts result = facts;
    if (result == null) {
      synchronized (this) {
        result = facts;
        if (result == null) {
          ClassStore before = derivedFrom.get();
          ModuleFacts known = before == null ? null : before.facts;
          result =
              known == null ? ModuleFacts.collect(this) : ModuleFacts.derive(known, this, delta);
          facts = result;
        }
      }
    }
    return result;
  }

  /** The classes of each package ({@code lib/util}, {@code ""} for none), internal names. */
  public Map<String, List<String>> packages() {
    Map<String, List<String>> result = packages;
    if (result == null) {
      result = index(classes.keySet(), ClassStore::packageOf);
      packages = result;
    }
    return result;
  }

  /**
   * The direct subtypes of each class, as far as this module's classes go (each class's superclass
   * and interfaces); a class that cannot be read has none listed.
   */
  public Map<String, List<String>> subtypes() {
    Map<String, List<String>> result = subtypes;
    if (result == null) {
      Map<String, List<String>> out = new HashMap<>();
      for (String name : classes.keySet()) {
        for (String type : supertypes(name)) {
          out.computeIfAbsent(type, k -> new ArrayList<>()).add(name);
        }
      }
      result = freeze(out);
      subtypes = result;
    }
    return result;
  }

  private List<String> supertypes(String name) {
    try {
      ClassApi api = api(name);
      List<String> types = new ArrayList<>(api.interfaces());
      if (api.superName() != null) {
        types.add(api.superName());
      }
      return types;
    } catch (ClassReadException e) {
      return List.of();
    }
  }

  private Map<String, List<String>> derivedSubtypes(
      Map<String, List<String>> known, ClassStore from, Set<String> touched) {
    Map<String, List<String>> out = new HashMap<>(known);
    for (String name : touched) {
      if (from.contains(name)) {
        for (String type : from.supertypes(name)) {
          List<String> subs = new ArrayList<>(out.getOrDefault(type, List.of()));
          subs.remove(name);
          out.put(type, List.copyOf(subs));
        }
      }
      if (contains(name)) {
        for (String type : supertypes(name)) {
          List<String> subs = new ArrayList<>(out.getOrDefault(type, List.of()));
          subs.add(name);
          out.put(type, List.copyOf(subs));
        }
      }
    }
    out.values().removeIf(List::isEmpty);
    return Collections.unmodifiableMap(out);
  }

  private interface IndexKey {
    String of(String name);
  }

  private static Map<String, List<String>> index(Set<String> names, IndexKey key) {
    Map<String, List<String>> out = new HashMap<>();
    for (String name : names) {
      out.computeIfAbsent(key.of(name), k -> new ArrayList<>()).add(name);
    }
    return freeze(out);
  }

  /** {@code known} (if computed) with the keys of {@code touched} names indexed again. */
  private static Map<String, List<String>> derivedIndex(
      Map<String, List<String>> known, Set<String> touched, Map<String, byte[]> now, IndexKey key) {
    if (known == null) {
      return null;
    }
    Map<String, List<String>> out = new HashMap<>(known);
    Set<String> keys = new HashSet<>();
    touched.forEach(name -> keys.add(key.of(name)));
    for (String k : keys) {
      List<String> members = new ArrayList<>(out.getOrDefault(k, List.of()));
      members.removeIf(touched::contains);
      for (String name : touched) {
        if (now.containsKey(name) && key.of(name).equals(k)) {
          members.add(name);
        }
      }
      if (members.isEmpty()) {
        out.remove(k);
      } else {
        out.put(k, List.copyOf(members));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> index) {
    index.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(index);
  }

  private static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash);
  }
}
