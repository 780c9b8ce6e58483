package dev.hotpatch.diff.internal.compare;

import java.util.StringJoiner;
import org.objectweb.asm.Opcodes;

/** Access flags as the keywords a person reads ({@code public static final}). */
final class Modifiers {
  private Modifiers() {}

  /** What the flags belong to; the same bit means different things on each. */
  public enum Target {
    CLASS,
    FIELD,
    METHOD
  }

  public static String text(int access, Target target) {
    StringJoiner out = new StringJoiner(" ");
    add(out, access, Opcodes.ACC_PUBLIC, "public");
    add(out, access, Opcodes.ACC_PRIVATE, "private");
    add(out, access, Opcodes.ACC_PROTECTED, "protected");
    add(out, access, Opcodes.ACC_STATIC, "static");
    add(out, access, Opcodes.ACC_FINAL, "final");
    switch (target) {
      case CLASS:
        add(out, access, Opcodes.ACC_INTERFACE, "interface");
        add(out, access, Opcodes.ACC_ABSTRACT, "abstract");
        add(out, access, Opcodes.ACC_ANNOTATION, "annotation");
        add(out, access, Opcodes.ACC_ENUM, "enum");
        add(out, access, Opcodes.ACC_RECORD, "record");
        add(out, access, Opcodes.ACC_MODULE, "module");
        break;
      case FIELD:
        add(out, access, Opcodes.ACC_VOLATILE, "volatile");
        add(out, access, Opcodes.ACC_TRANSIENT, "transient");
        add(out, access, Opcodes.ACC_ENUM, "enum");
        break;
      case METHOD:
        add(out, access, Opcodes.ACC_SYNCHRONIZED, "synchronized");
        add(out, access, Opcodes.ACC_BRIDGE, "bridge");
        add(out, access, Opcodes.ACC_VARARGS, "varargs");
        add(out, access, Opcodes.ACC_NATIVE, "native");
        add(out, access, Opcodes.ACC_ABSTRACT, "abstract");
        add(out, access, Opcodes.ACC_STRICT, "strictfp");
        break;
    }
    add(out, access, Opcodes.ACC_SYNTHETIC, "synthetic");
    add(out, access, Opcodes.ACC_DEPRECATED, "deprecated");
    String text = out.toString();
    return text.isEmpty() ? "package-private" : text;
  }

  private static void add(StringJoiner out, int access, int flag, String keyword) {
    if ((access & flag) != 0) {
      out.add(keyword);
    }
  }
}
