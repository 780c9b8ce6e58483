package dev.hotpatch.diff.classfile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What code compiled against a class can depend on: its API, its supertypes and its compile-time
 * constants; what incremental compilation needs to know of one class. Read once per class version
 * ({@code ModuleSnapshot.api}).
 *
 * @param name internal name ({@code lib/Greeter$Inner})
 * @param sourceFileName the SourceFile attribute ({@code Greeter.java}), or null when compiled
 *     without it
 * @param superName internal name of its superclass, or null for {@code java/lang/Object}
 * @param interfaces internal names of its direct interfaces
 * @param references every class its constant pool names, in class entries or in descriptors and
 *     signatures; a superset of what its code depends on
 * @param api a digest of what other classes can compile against: its header, inner class table,
 *     annotations and non-private members, constant values included
 * @param constants its non-private compile-time constants, name to value, which javac copies into
 *     the classes that use them without a reference back
 * @param topLevel whether it is a top-level class, whose simple name other files may mention
 */
public record ClassApi(
    String name,
    String sourceFileName,
    String superName,
    List<String> interfaces,
    Set<String> references,
    String api,
    Map<String, String> constants,
    boolean topLevel) {

  public ClassApi {
    interfaces = List.copyOf(interfaces);
    references = Set.copyOf(references);
    constants = Map.copyOf(constants);
  }

  /** The simple name of a top-level class ({@code Greeter} of {@code lib/Greeter}). */
  public String simpleName() {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** The package as a relative folder ({@code lib/} of {@code lib/Greeter}), empty for none. */
  public String packageFolder() {
    return name.substring(0, name.lastIndexOf('/') + 1);
  }
}
