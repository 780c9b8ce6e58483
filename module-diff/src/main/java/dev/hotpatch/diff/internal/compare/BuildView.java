package dev.hotpatch.diff.internal.compare;

import dev.hotpatch.diff.internal.store.ClassReadException;
import dev.hotpatch.diff.internal.store.ClassStore;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.tree.ClassNode;

/**
 * One side of a comparison: a build's store plus what this comparison parsed of it. Trees are kept
 * for the length of one comparison only; fingerprints with names as they are go to the store, under
 * {@link #PRINT}, so that the next comparison of an unchanged class reuses them.
 */
final class BuildView {
  /** The fingerprint with names as they are, kept in the store once per class version. */
  private static final ClassStore.Key<ClassPrint> PRINT = new ClassStore.Key<>("fingerprint");

  private final ClassStore store;
  private final Map<String, ClassNode> nodes = new HashMap<>();
  private final Map<String, ClassPrint> erased = new HashMap<>();
  private final Map<String, String> unreadable = new TreeMap<>();

  BuildView(ClassStore store) {
    this.store = store;
  }

  ClassStore store() {
    return store;
  }

  /** Whether the class can be read; if not, the reason is kept in {@link #unreadable()}. */
  boolean readable(String name) {
    if (unreadable.containsKey(name)) {
      return false;
    }
    if (store.cached(PRINT, name) != null) {
      return true;
    }
    return node(name) != null;
  }

  Map<String, String> unreadable() {
    return unreadable;
  }

  /** The fingerprint with names as they are; the class must be readable. */
  ClassPrint print(String name) {
    return store.cached(PRINT, name, () -> ClassPrinter.print(node(name), NameMapper.IDENTITY));
  }

  /** The fingerprint with javac's ordinals erased, for finding match candidates. */
  ClassPrint erased(String name) {
    return erased.computeIfAbsent(
        name, n -> ClassPrinter.print(node(n), NameMapper.ERASE_ORDINALS));
  }

  /** The fingerprint with names mapped; the class must be readable. */
  ClassPrint print(String name, NameMapper mapper) {
    return mapper == NameMapper.IDENTITY ? print(name) : ClassPrinter.print(node(name), mapper);
  }

  /** The parsed class, or null if it cannot be read (the reason goes to {@link #unreadable()}). */
  ClassNode node(String name) {
    ClassNode node = nodes.get(name);
    if (node == null && !unreadable.containsKey(name)) {
      try {
        node = store.node(name);
        nodes.put(name, node);
      } catch (ClassReadException e) {
        unreadable.put(name, e.getMessage());
      }
    }
    return node;
  }
}
