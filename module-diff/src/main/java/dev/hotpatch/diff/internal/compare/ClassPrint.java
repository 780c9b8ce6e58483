package dev.hotpatch.diff.internal.compare;

import java.util.List;

/**
 * The structural fingerprint of one class: everything a caller, a subclass, reflection or the JVM's
 * class redefinition can see, plus a digest per method body. Names are after mapping, except {@code
 * name} (the class's own, as in the class file) and the raw names inside member prints.
 */
record ClassPrint(
    String name,
    int version,
    int access,
    String superName,
    List<String> interfaces,
    String signature,
    List<String> annotations,
    List<FieldPrint> fields,
    List<MethodPrint> methods,
    List<String> enumConstants,
    List<String> recordComponents,
    String nestHost,
    List<String> nestMembers,
    List<String> permittedSubclasses,
    List<String> innerClasses,
    String enclosingMethod,
    String module,
    Digest debug,
    SyntheticClass synthetic) {

  /**
   * A digest of everything but the class's own name and its debug information; equal shapes mean
   * equal classes up to the names mapped while printing.
   */
  public Digest shape() {
    Digest.Builder out = Digest.builder();
    out.putInt(version).putInt(access).putString(superName).putString(signature);
    strings(out, interfaces);
    strings(out, annotations);
    out.putInt(fields.size());
    for (FieldPrint f : fields) {
      out.putString(f.key()).putString(f.mappedDescriptor()).putInt(f.access());
      out.putString(f.signature()).putString(f.constant());
      strings(out, f.annotations());
    }
    out.putInt(methods.size());
    for (MethodPrint m : methods) {
      out.putDigest(methodShape(m));
    }
    strings(out, enumConstants);
    strings(out, recordComponents);
    out.putString(nestHost);
    strings(out, nestMembers);
    strings(out, permittedSubclasses);
    strings(out, innerClasses);
    out.putString(enclosingMethod).putString(module);
    return out.build();
  }

  /** A digest of a method without its debug information, under its mapped name. */
  public static Digest methodShape(MethodPrint m) {
    Digest.Builder out = Digest.builder();
    out.putString(m.key()).putInt(m.access()).putString(m.signature());
    strings(out, m.exceptions());
    strings(out, m.annotations());
    return out.putDigest(m.body()).build();
  }

  private static void strings(Digest.Builder out, List<String> values) {
    out.putInt(values.size());
    values.forEach(out::putString);
  }
}
