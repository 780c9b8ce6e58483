package dev.hotpatch.diff.internal.store;

import dev.hotpatch.diff.classfile.Reference;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one class file uses and declares, read once per class version: every class or member it uses
 * (its own module's included: which classes are the module's is decided when the facts of a whole
 * build are put together), the classes its declarations name, and its stable-layer marks.
 *
 * @param references everything the class uses
 * @param declared the classes its declarations name (supertypes, member types, annotations)
 * @param facade whether it is a {@code @HotFacade} interface
 * @param value whether it is a {@code @HotValue} type
 */
public record ClassRefs(
    Set<Reference> references, Set<String> declared, boolean facade, boolean value) {

  public ClassRefs {
    references = Set.copyOf(references);
    declared = Set.copyOf(declared);
  }

  /**
   * Reads the class.
   *
   * @throws RuntimeException as ASM does for malformed input
   */
  static ClassRefs read(String name, byte[] bytes) {
    Map<Reference, Set<String>> found = new HashMap<>();
    ReferenceCollector collector = new ReferenceCollector(Set.of(), found);
    Set<String> declared = collector.collect(name, bytes);
    return new ClassRefs(found.keySet(), declared, collector.isFacade(), collector.isValue());
  }

  /** Whether the class uses {@code className} in any way but a string that spells its name. */
  public boolean uses(String className) {
    for (Reference r : references) {
      if (r.className().equals(className) && r.kind() != Reference.Kind.CLASS_NAME_STRING) {
        return true;
      }
    }
    return false;
  }
}
