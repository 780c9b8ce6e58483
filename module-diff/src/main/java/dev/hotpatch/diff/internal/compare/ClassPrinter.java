package dev.hotpatch.diff.internal.compare;

import dev.hotpatch.diff.internal.names.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.ModuleExportNode;
import org.objectweb.asm.tree.ModuleNode;
import org.objectweb.asm.tree.ModuleOpenNode;
import org.objectweb.asm.tree.ModuleProvideNode;
import org.objectweb.asm.tree.ModuleRequireNode;
import org.objectweb.asm.tree.RecordComponentNode;

/** Turns a parsed class ({@link ClassNode}) into its fingerprint ({@link ClassPrint}). */
final class ClassPrinter {
  private ClassPrinter() {}

  public static ClassPrint print(ClassNode cn, NameMapper m) {
    List<FieldPrint> fields = new ArrayList<>(cn.fields.size());
    List<String> enumConstants = new ArrayList<>();
    for (FieldNode f : cn.fields) {
      fields.add(field(cn.name, f, m));
      if ((f.access & Opcodes.ACC_ENUM) != 0) {
        enumConstants.add(f.name);
      }
    }
    List<MethodPrint> methods = new ArrayList<>(cn.methods.size());
    for (MethodNode method : cn.methods) {
      methods.add(method(cn.name, method, m));
    }
    return new ClassPrint(
        cn.name,
        cn.version,
        cn.access,
        cn.superName == null ? null : m.mapClass(cn.superName),
        mapAll(cn.interfaces, m, false),
        m.mapSignature(cn.signature),
        AnnotationText.of(
            cn.visibleAnnotations,
            cn.invisibleAnnotations,
            cn.visibleTypeAnnotations,
            cn.invisibleTypeAnnotations,
            m),
        List.copyOf(fields),
        List.copyOf(methods),
        List.copyOf(enumConstants),
        recordComponents(cn, m),
        cn.nestHostClass == null ? null : m.mapClass(cn.nestHostClass),
        mapAll(cn.nestMembers, m, true),
        mapAll(cn.permittedSubclasses, m, true),
        innerClasses(cn, m),
        enclosingMethod(cn, m),
        module(cn.module),
        Digest.builder().putString(cn.sourceFile).putString(cn.sourceDebug).build(),
        synthetic(cn));
  }

  private static FieldPrint field(String owner, FieldNode f, NameMapper m) {
    return new FieldPrint(
        f.name,
        f.desc,
        m.mapMember(owner, f.name, f.desc),
        m.mapDescriptor(f.desc),
        f.access,
        m.mapSignature(f.signature),
        AnnotationText.literal(f.value, f.desc),
        AnnotationText.of(
            f.visibleAnnotations,
            f.invisibleAnnotations,
            f.visibleTypeAnnotations,
            f.invisibleTypeAnnotations,
            m));
  }

  private static MethodPrint method(String owner, MethodNode method, NameMapper m) {
    List<String> annotations =
        new ArrayList<>(
            AnnotationText.of(
                method.visibleAnnotations,
                method.invisibleAnnotations,
                method.visibleTypeAnnotations,
                method.invisibleTypeAnnotations,
                m));
    parameterAnnotations(annotations, method.visibleParameterAnnotations, "", m);
    parameterAnnotations(
        annotations, method.invisibleParameterAnnotations, " (class retention)", m);
    if (method.annotationDefault != null) {
      annotations.add("default " + AnnotationText.value(method.annotationDefault, m));
    }
    String mappedName = m.mapMember(owner, method.name, method.desc);
    BodyPrinter.Result code = BodyPrinter.print(method, m);
    return new MethodPrint(
        method.name,
        method.desc,
        mappedName,
        mappedName + m.mapDescriptor(method.desc),
        method.access,
        m.mapSignature(method.signature),
        mapAll(method.exceptions, m, false),
        List.copyOf(annotations),
        code.body(),
        code.debug());
  }

  private static void parameterAnnotations(
      List<String> out, List<AnnotationNode>[] perParameter, String suffix, NameMapper m) {
    if (perParameter == null) {
      return;
    }
    for (int i = 0; i < perParameter.length; i++) {
      if (perParameter[i] != null) {
        for (AnnotationNode node : perParameter[i]) {
          out.add("parameter " + i + ": " + AnnotationText.text(node, m) + suffix);
        }
      }
    }
  }

  private static List<String> recordComponents(ClassNode cn, NameMapper m) {
    if (cn.recordComponents == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (RecordComponentNode c : cn.recordComponents) {
      StringBuilder text =
          new StringBuilder(c.name).append(':').append(m.mapDescriptor(c.descriptor));
      if (c.signature != null) {
        text.append(' ').append(m.mapSignature(c.signature));
      }
      for (String annotation :
          AnnotationText.of(
              c.visibleAnnotations,
              c.invisibleAnnotations,
              c.visibleTypeAnnotations,
              c.invisibleTypeAnnotations,
              m)) {
        text.append(' ').append(annotation);
      }
      out.add(text.toString());
    }
    return List.copyOf(out);
  }

  /**
   * The entries of the InnerClasses table that describe this class or a member class of it. The
   * table also lists every nested class the code merely uses (say {@code Map$Entry}); those are
   * references, not structure, and belong to the body.
   */
  private static List<String> innerClasses(ClassNode cn, NameMapper m) {
    List<String> out = new ArrayList<>();
    for (InnerClassNode entry : cn.innerClasses) {
      if (entry.name.equals(cn.name) || cn.name.equals(entry.outerName)) {
        out.add(
            Names.binary(m.mapClass(entry.name))
                + (entry.outerName == null ? " (local or anonymous)" : "")
                + " "
                + Modifiers.text(entry.access, Modifiers.Target.CLASS));
      }
    }
    out.sort(null);
    return List.copyOf(out);
  }

  private static String enclosingMethod(ClassNode cn, NameMapper m) {
    if (cn.outerClass == null) {
      return null;
    }
    String owner = Names.binary(m.mapClass(cn.outerClass));
    if (cn.outerMethod == null) {
      return owner;
    }
    return owner
        + "#"
        + m.mapMember(cn.outerClass, cn.outerMethod, cn.outerMethodDesc)
        + m.mapDescriptor(cn.outerMethodDesc);
  }

  private static String module(ModuleNode module) {
    if (module == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    parts.add(module.name + " " + module.access + " " + module.version);
    if (module.mainClass != null) {
      parts.add("main " + module.mainClass);
    }
    if (module.requires != null) {
      for (ModuleRequireNode r : module.requires) {
        parts.add("requires " + r.module + " " + r.access + " " + r.version);
      }
    }
    if (module.exports != null) {
      for (ModuleExportNode e : module.exports) {
        parts.add("exports " + e.packaze + " " + e.access + " " + e.modules);
      }
    }
    if (module.opens != null) {
      for (ModuleOpenNode o : module.opens) {
        parts.add("opens " + o.packaze + " " + o.access + " " + o.modules);
      }
    }
    if (module.uses != null) {
      module.uses.forEach(u -> parts.add("uses " + u));
    }
    if (module.provides != null) {
      for (ModuleProvideNode p : module.provides) {
        parts.add("provides " + p.service + " " + p.providers);
      }
    }
    if (module.packages != null) {
      module.packages.forEach(p -> parts.add("package " + p));
    }
    StringJoiner out = new StringJoiner("; ");
    parts.stream().sorted().forEach(out::add);
    return out.toString();
  }

  private static SyntheticClass synthetic(ClassNode cn) {
    boolean switchMap =
        (cn.access & Opcodes.ACC_SYNTHETIC) != 0
            && cn.fields.stream().anyMatch(f -> f.name.startsWith("$SwitchMap$"));
    String outer = cn.outerClass != null ? cn.outerClass : prefix(cn.name);
    if (switchMap) {
      return new SyntheticClass(SyntheticClass.Kind.SWITCH_MAP, outer, "", "", "");
    }
    for (InnerClassNode entry : cn.innerClasses) {
      if (entry.name.equals(cn.name) && entry.outerName == null) {
        String method = cn.outerMethod == null ? "" : cn.outerMethod;
        String descriptor = cn.outerMethodDesc == null ? "" : cn.outerMethodDesc;
        return entry.innerName == null
            ? new SyntheticClass(SyntheticClass.Kind.ANONYMOUS, outer, method, descriptor, "")
            : new SyntheticClass(
                SyntheticClass.Kind.LOCAL, outer, method, descriptor, entry.innerName);
      }
    }
    return SyntheticClass.NONE;
  }

  private static String prefix(String name) {
    int dollar = name.lastIndexOf('$');
    return dollar > 0 ? name.substring(0, dollar) : name;
  }

  private static List<String> mapAll(List<String> names, NameMapper m, boolean sorted) {
    if (names == null || names.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(names.size());
    names.forEach(n -> out.add(m.mapClass(n)));
    if (sorted) {
      out.sort(null);
    }
    return List.copyOf(out);
  }
}
