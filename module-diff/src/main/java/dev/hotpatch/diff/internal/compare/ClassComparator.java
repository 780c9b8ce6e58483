package dev.hotpatch.diff.internal.compare;

import dev.hotpatch.diff.change.ConstantChange;
import dev.hotpatch.diff.change.StructuralChange;
import dev.hotpatch.diff.change.StructuralChange.Kind;
import dev.hotpatch.diff.internal.names.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * Compares the fingerprints of one class in two builds. The new print has been made with the new
 * build's synthetic names mapped back to the old ones, so equal keys mean "the same member".
 */
final class ClassComparator {
  private ClassComparator() {}

  /** What differs between two prints of a class. */
  public record Result(
      List<StructuralChange> structural,
      List<String> changedMethods,
      boolean debugChanged,
      List<ConstantChange> constants) {}

  public static Result compare(ClassPrint before, ClassPrint after) {
    List<StructuralChange> out = new ArrayList<>();
    List<ConstantChange> constants = new ArrayList<>();
    header(before, after, out);
    fields(before, after, out, constants);
    List<String> changedMethods = new ArrayList<>();
    boolean methodDebugChanged = methods(before, after, out, changedMethods);
    boolean debugChanged = methodDebugChanged || !before.debug().equals(after.debug());
    return new Result(List.copyOf(out), List.copyOf(changedMethods), debugChanged, constants);
  }

  private static void header(ClassPrint b, ClassPrint a, List<StructuralChange> out) {
    if (!b.name().equals(a.name())) {
      out.add(new StructuralChange(Kind.SYNTHETIC_RENAMED, "", b.name(), a.name()));
    }
    if (b.version() != a.version()) {
      out.add(change(Kind.CLASS_VERSION_CHANGED, version(b.version()), version(a.version())));
    }
    if (b.access() != a.access()) {
      out.add(
          change(
              Kind.CLASS_ACCESS_CHANGED,
              Modifiers.text(b.access(), Modifiers.Target.CLASS),
              Modifiers.text(a.access(), Modifiers.Target.CLASS)));
    }
    if (!Objects.equals(b.superName(), a.superName())) {
      out.add(change(Kind.SUPERCLASS_CHANGED, b.superName(), a.superName()));
    }
    list(Kind.INTERFACES_CHANGED, b.interfaces(), a.interfaces(), ", ", out);
    if (!Objects.equals(b.signature(), a.signature())) {
      out.add(change(Kind.GENERIC_SIGNATURE_CHANGED, b.signature(), a.signature()));
    }
    list(Kind.ANNOTATION_CHANGED, b.annotations(), a.annotations(), "; ", out);
    list(Kind.ENUM_CONSTANTS_CHANGED, b.enumConstants(), a.enumConstants(), ", ", out);
    list(Kind.RECORD_COMPONENTS_CHANGED, b.recordComponents(), a.recordComponents(), ", ", out);
    list(
        Kind.PERMITTED_SUBCLASSES_CHANGED,
        b.permittedSubclasses(),
        a.permittedSubclasses(),
        ", ",
        out);
    if (!Objects.equals(b.nestHost(), a.nestHost())) {
      out.add(change(Kind.NEST_HOST_CHANGED, b.nestHost(), a.nestHost()));
    }
    list(Kind.NEST_MEMBERS_CHANGED, b.nestMembers(), a.nestMembers(), ", ", out);
    list(Kind.INNER_CLASSES_CHANGED, b.innerClasses(), a.innerClasses(), ", ", out);
    if (!Objects.equals(b.enclosingMethod(), a.enclosingMethod())) {
      out.add(change(Kind.ENCLOSING_METHOD_CHANGED, b.enclosingMethod(), a.enclosingMethod()));
    }
    if (!Objects.equals(b.module(), a.module())) {
      out.add(change(Kind.MODULE_DESCRIPTOR_CHANGED, b.module(), a.module()));
    }
  }

  private static void fields(
      ClassPrint b, ClassPrint a, List<StructuralChange> out, List<ConstantChange> constants) {
    Map<String, FieldPrint> old = fieldsByKey(b);
    Map<String, FieldPrint> neu = fieldsByKey(a);
    // Enum constants and record components are reported as one list each, not field by field.
    Set<String> listed = new HashSet<>(b.enumConstants());
    listed.addAll(a.enumConstants());
    listed.addAll(componentNames(b));
    listed.addAll(componentNames(a));
    List<String> oldOrder = new ArrayList<>();
    List<String> newOrder = new ArrayList<>();
    for (Map.Entry<String, FieldPrint> e : old.entrySet()) {
      FieldPrint f = e.getValue();
      FieldPrint g = neu.get(e.getKey());
      String id = Names.fieldId(f.name(), f.descriptor());
      if (g == null) {
        if (!listed.contains(f.name())) {
          out.add(
              new StructuralChange(
                  Kind.FIELD_REMOVED, id, Modifiers.text(f.access(), Modifiers.Target.FIELD), ""));
        }
        constant(b.name(), f, null, constants);
        continue;
      }
      if (!listed.contains(f.name())) {
        oldOrder.add(e.getKey());
      }
      if (!f.mappedDescriptor().equals(g.mappedDescriptor())) {
        out.add(new StructuralChange(Kind.FIELD_TYPE_CHANGED, id, f.descriptor(), g.descriptor()));
      }
      if (f.access() != g.access()) {
        out.add(
            new StructuralChange(
                Kind.FIELD_ACCESS_CHANGED,
                id,
                Modifiers.text(f.access(), Modifiers.Target.FIELD),
                Modifiers.text(g.access(), Modifiers.Target.FIELD)));
      }
      if (!Objects.equals(f.signature(), g.signature())) {
        out.add(
            new StructuralChange(Kind.GENERIC_SIGNATURE_CHANGED, id, f.signature(), g.signature()));
      }
      if (!f.annotations().equals(g.annotations())) {
        out.add(
            new StructuralChange(
                Kind.ANNOTATION_CHANGED,
                id,
                String.join("; ", f.annotations()),
                String.join("; ", g.annotations())));
      }
      if (!Objects.equals(f.constant(), g.constant())) {
        out.add(new StructuralChange(Kind.CONSTANT_CHANGED, id, f.constant(), g.constant()));
        constant(b.name(), f, g, constants);
      }
    }
    for (Map.Entry<String, FieldPrint> e : neu.entrySet()) {
      FieldPrint g = e.getValue();
      if (!old.containsKey(e.getKey())) {
        if (!listed.contains(g.name())) {
          out.add(
              new StructuralChange(
                  Kind.FIELD_ADDED,
                  Names.fieldId(g.name(), g.descriptor()),
                  "",
                  Modifiers.text(g.access(), Modifiers.Target.FIELD)));
        }
      } else if (!listed.contains(g.name())) {
        newOrder.add(e.getKey());
      }
    }
    if (!oldOrder.equals(newOrder)) {
      out.add(
          change(Kind.FIELDS_REORDERED, String.join(", ", oldOrder), String.join(", ", newOrder)));
    }
  }

  /** Records a constant whose old value callers may hold; {@code after} null means gone. */
  private static void constant(
      String owner, FieldPrint before, FieldPrint after, List<ConstantChange> out) {
    if (before.constant() == null || (before.access() & Opcodes.ACC_PRIVATE) != 0) {
      return;
    }
    String value = after == null ? null : after.constant();
    out.add(
        new ConstantChange(owner, before.name(), before.descriptor(), before.constant(), value));
  }

  private static boolean methods(
      ClassPrint b, ClassPrint a, List<StructuralChange> out, List<String> changedMethods) {
    Map<String, MethodPrint> old = methodsByKey(b);
    Map<String, MethodPrint> neu = methodsByKey(a);
    boolean debugChanged = false;
    List<MethodPrint> removed = new ArrayList<>();
    List<MethodPrint> added = new ArrayList<>();
    for (Map.Entry<String, MethodPrint> e : old.entrySet()) {
      if (!neu.containsKey(e.getKey())) {
        removed.add(e.getValue());
      }
    }
    for (Map.Entry<String, MethodPrint> e : neu.entrySet()) {
      MethodPrint n = e.getValue();
      MethodPrint o = old.get(e.getKey());
      if (o == null) {
        added.add(n);
        continue;
      }
      String id = Names.methodId(o.name(), o.descriptor());
      if (!o.name().equals(n.name())) {
        out.add(
            new StructuralChange(
                Kind.SYNTHETIC_RENAMED, id, b.name() + "." + o.name(), a.name() + "." + n.name()));
      }
      if (o.access() != n.access()) {
        out.add(
            new StructuralChange(
                Kind.METHOD_ACCESS_CHANGED,
                id,
                Modifiers.text(o.access(), Modifiers.Target.METHOD),
                Modifiers.text(n.access(), Modifiers.Target.METHOD)));
      }
      if (!o.exceptions().equals(n.exceptions())) {
        out.add(
            new StructuralChange(Kind.METHOD_SIGNATURE_CHANGED, id, signature(o), signature(n)));
      }
      if (!Objects.equals(o.signature(), n.signature())) {
        out.add(
            new StructuralChange(Kind.GENERIC_SIGNATURE_CHANGED, id, o.signature(), n.signature()));
      }
      if (!o.annotations().equals(n.annotations())) {
        out.add(
            new StructuralChange(
                Kind.ANNOTATION_CHANGED,
                id,
                String.join("; ", o.annotations()),
                String.join("; ", n.annotations())));
      }
      if (!o.body().equals(n.body())) {
        changedMethods.add(Names.methodId(n.name(), n.descriptor()));
      } else if (!o.debug().equals(n.debug())) {
        debugChanged = true;
      }
    }
    pairSignatureChanges(removed, added, out);
    return debugChanged;
  }

  /**
   * One method of a name removed and one of the same name added reads as a signature change; with
   * overloads involved it stays "removed" and "added", which is exact and not a guess.
   */
  private static void pairSignatureChanges(
      List<MethodPrint> removed, List<MethodPrint> added, List<StructuralChange> out) {
    Map<String, List<MethodPrint>> removedByName = new LinkedHashMap<>();
    removed.forEach(
        m -> removedByName.computeIfAbsent(m.mappedName(), k -> new ArrayList<>()).add(m));
    Map<String, List<MethodPrint>> addedByName = new LinkedHashMap<>();
    added.forEach(m -> addedByName.computeIfAbsent(m.mappedName(), k -> new ArrayList<>()).add(m));
    for (MethodPrint o : removed) {
      List<MethodPrint> sameNameRemoved = removedByName.get(o.mappedName());
      List<MethodPrint> sameNameAdded = addedByName.getOrDefault(o.mappedName(), List.of());
      String id = Names.methodId(o.name(), o.descriptor());
      if (sameNameRemoved.size() == 1 && sameNameAdded.size() == 1) {
        out.add(
            new StructuralChange(
                Kind.METHOD_SIGNATURE_CHANGED, id, signature(o), signature(sameNameAdded.get(0))));
      } else {
        out.add(
            new StructuralChange(
                Kind.METHOD_REMOVED, id, Modifiers.text(o.access(), Modifiers.Target.METHOD), ""));
      }
    }
    for (MethodPrint n : added) {
      List<MethodPrint> sameNameRemoved = removedByName.getOrDefault(n.mappedName(), List.of());
      if (sameNameRemoved.size() == 1 && addedByName.get(n.mappedName()).size() == 1) {
        continue;
      }
      out.add(
          new StructuralChange(
              Kind.METHOD_ADDED,
              Names.methodId(n.name(), n.descriptor()),
              "",
              Modifiers.text(n.access(), Modifiers.Target.METHOD)));
    }
  }

  private static String signature(MethodPrint m) {
    String id = Names.methodId(m.name(), m.descriptor());
    return m.exceptions().isEmpty() ? id : id + " throws " + String.join(", ", m.exceptions());
  }

  private static Map<String, FieldPrint> fieldsByKey(ClassPrint print) {
    Map<String, FieldPrint> out = new LinkedHashMap<>();
    for (FieldPrint f : print.fields()) {
      // The JVM allows two fields of one name with different types; javac never emits them.
      String key = out.containsKey(f.key()) ? f.key() + ":" + f.mappedDescriptor() : f.key();
      out.put(key, f);
    }
    return out;
  }

  private static Map<String, MethodPrint> methodsByKey(ClassPrint print) {
    Map<String, MethodPrint> out = new LinkedHashMap<>();
    for (MethodPrint m : print.methods()) {
      // Two methods mapping to one key would hide a change; keep both, fail closed.
      String key = m.key();
      while (out.containsKey(key)) {
        key = key + "#duplicate";
      }
      out.put(key, m);
    }
    return out;
  }

  private static Set<String> componentNames(ClassPrint print) {
    Set<String> out = new HashSet<>();
    for (String component : print.recordComponents()) {
      out.add(component.substring(0, component.indexOf(':')));
    }
    return out;
  }

  private static void list(
      Kind kind, List<String> b, List<String> a, String separator, List<StructuralChange> out) {
    if (!b.equals(a)) {
      out.add(change(kind, String.join(separator, b), String.join(separator, a)));
    }
  }

  private static StructuralChange change(Kind kind, String before, String after) {
    return new StructuralChange(kind, "", before, after);
  }

  private static String version(int version) {
    return (version & 0xFFFF) + "." + (version >>> 16);
  }
}
