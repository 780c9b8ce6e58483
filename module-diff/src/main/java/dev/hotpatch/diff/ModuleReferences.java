package dev.hotpatch.diff;

import dev.hotpatch.diff.classfile.Reference;
import dev.hotpatch.diff.internal.names.Names;
import dev.hotpatch.diff.internal.store.ModuleFacts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the classes of one module build use of classes outside it: supertypes, annotations, field
 * and method uses, types in descriptors and instructions, generic signatures, class entries of the
 * constant pool, and strings that spell a class name. Immutable; computed once per snapshot.
 *
 * <p>References to the JDK and to third-party classes are included; ask {@link #to(ModuleSnapshot)}
 * for those into one workspace module.
 */
public final class ModuleReferences {
  private final ModuleFacts facts;
  private final Set<String> classes;

  private ModuleReferences(ModuleFacts facts) {
    this.facts = facts;
    Set<String> used = new TreeSet<>();
    for (Reference r : facts.references().keySet()) {
      if (r.kind() != Reference.Kind.CLASS_NAME_STRING) {
        used.add(r.className());
      }
    }
    this.classes = Collections.unmodifiableSet(used);
  }

  /** The references of a build; reads every class the first time it is asked for a snapshot. */
  public static ModuleReferences of(ModuleSnapshot snapshot) {
    return new ModuleReferences(snapshot.store().facts());
  }

  /**
   * Classes used, as internal names, sorted; without those only spelled in strings (see {@link
   * Reference.Kind#CLASS_NAME_STRING}).
   */
  public Set<String> classes() {
    return classes;
  }

  /** Every reference, sorted by class, kind and member. */
  public Set<Reference> all() {
    return facts.references().keySet();
  }

  /** References to one class (internal or binary name), most specific first. */
  public List<Reference> to(String className) {
    String name = Names.internal(className);
    List<Reference> out = new ArrayList<>();
    for (Reference r : facts.references().keySet()) {
      if (r.className().equals(name)) {
        out.add(r);
      }
    }
    return out;
  }

  /** References to the classes of another module's build. */
  public List<Reference> to(ModuleSnapshot module) {
    List<Reference> out = new ArrayList<>();
    for (Reference r : facts.references().keySet()) {
      if (module.store().contains(r.className())) {
        out.add(r);
      }
    }
    return out;
  }

  /** The classes of this module that make a reference (internal names, sorted). */
  public SortedSet<String> users(Reference reference) {
    SortedSet<String> users = facts.references().get(reference);
    return users == null ? Collections.emptySortedSet() : users;
  }

  /**
   * Classes of this module whose references could not be read, with the reason. A planner must
   * assume that such a class uses anything.
   */
  public Map<String, String> unreadable() {
    return facts.unreadable();
  }
}
