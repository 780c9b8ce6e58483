package dev.hotpatch.diff.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.tree.ClassNode;

/**
 * The classes of one module build, by internal name, with what has been worked out about them.
 *
 * <p>A build is immutable, so fingerprints and facts computed once stay valid: a store that becomes
 * the "before" of the next patch has its fingerprints ready. Stored bytes are never handed out to
 * callers outside module-diff, so they cannot be changed behind the caches' back.
 */
public final class ClassStore {
  private final Map<String, byte[]> classes;
  private final Map<String, String> unreadable;
  private final Map<String, ClassPrint> prints = new ConcurrentHashMap<>();
  private volatile ModuleFacts facts;

  /**
   * @param classes class bytes by internal name; the store owns the map and the arrays
   * @param unreadable class files that could not be read, by internal name, with the reason
   */
  public ClassStore(Map<String, byte[]> classes, Map<String, String> unreadable) {
    this.classes = Collections.unmodifiableMap(classes);
    this.unreadable = Map.copyOf(unreadable);
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

  public Map<String, String> unreadable() {
    return unreadable;
  }

  /** Parses a class; not cached, since trees are large and only changed classes need them. */
  public ClassNode node(String internalName) throws ClassReadException {
    String problem = unreadable.get(internalName);
    if (problem != null) {
      throw new ClassReadException(internalName, problem, null);
    }
    return ClassPrinter.parse(internalName, classes.get(internalName));
  }

  /** The fingerprint with names as they are, computed once per class. */
  public ClassPrint print(String internalName, ClassNode parsed) {
    return prints.computeIfAbsent(
        internalName, n -> ClassPrinter.print(parsed, NameMapper.IDENTITY));
  }

  /** The fingerprint with names as they are, if it was computed before. */
  public ClassPrint cachedPrint(String internalName) {
    return prints.get(internalName);
  }

  /** References, facades and stable types of the whole module, computed on first use. */
  public ModuleFacts facts() {
    ModuleFacts result = facts;
    if (result == null) {
      synchronized (this) {
        result = facts;
        if (result == null) {
          result = ModuleFacts.collect(this);
          facts = result;
        }
      }
    }
    return result;
  }
}
