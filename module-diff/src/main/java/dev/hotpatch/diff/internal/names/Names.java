package dev.hotpatch.diff.internal.names;

import java.util.StringJoiner;
import org.objectweb.asm.Type;

/**
 * Conversions between the JVM's internal names ({@code demo/App$1}), binary names ({@code
 * demo.App$1}) and the short forms used in messages ({@code greet(String)}, {@code count:int}).
 *
 * <p>Member ids in module-diff's data are ASM-style: a method is {@code name + descriptor} ({@code
 * greet(Ljava/lang/String;)V}), a field is {@code name:descriptor} ({@code count:I}).
 */
public final class Names {
  private Names() {}

  /** {@code demo.App}, {@code demo/App} and {@code demo/App.class} all become {@code demo/App}. */
  public static String internal(String name) {
    String n = name.endsWith(".class") ? name.substring(0, name.length() - 6) : name;
    return n.indexOf('/') >= 0 ? n : n.replace('.', '/');
  }

  public static String binary(String internalName) {
    return internalName.replace('/', '.');
  }

  public static String methodId(String name, String descriptor) {
    return name + descriptor;
  }

  public static String fieldId(String name, String descriptor) {
    return name + ":" + descriptor;
  }

  /**
   * {@code greet(Ljava/lang/String;)V} becomes {@code greet(String)}; a field id {@code count:int}.
   */
  public static String displayMember(String memberId) {
    int paren = memberId.indexOf('(');
    if (paren >= 0) {
      return displayMethod(memberId.substring(0, paren), memberId.substring(paren));
    }
    int colon = memberId.lastIndexOf(':');
    if (colon >= 0) {
      return displayField(memberId.substring(0, colon), memberId.substring(colon + 1));
    }
    return memberId;
  }

  public static String displayMethod(String name, String descriptor) {
    StringJoiner params = new StringJoiner(",", name + "(", ")");
    try {
      for (Type t : Type.getArgumentTypes(descriptor)) {
        params.add(simpleType(t));
      }
    } catch (RuntimeException malformed) {
      // Shown to people only: a descriptor ASM cannot parse is printed as it is.
      return name + descriptor;
    }
    return params.toString();
  }

  /** {@code get()Ljava/lang/String;} becomes {@code get():String}, for overloads by return type. */
  public static String displayMethodWithReturn(String methodId) {
    int paren = methodId.indexOf('(');
    int close = methodId.indexOf(')');
    if (paren < 0 || close < 0) {
      return methodId;
    }
    return displayMethod(methodId.substring(0, paren), methodId.substring(paren))
        + ":"
        + displayType(methodId.substring(close + 1));
  }

  public static String displayField(String name, String descriptor) {
    return name + ":" + displayType(descriptor);
  }

  /** {@code I} becomes {@code int}, {@code Ljava/util/List;} becomes {@code List}. */
  public static String displayType(String descriptor) {
    try {
      return simpleType(Type.getType(descriptor));
    } catch (RuntimeException malformed) {
      return descriptor;
    }
  }

  private static String simpleType(Type t) {
    switch (t.getSort()) {
      case Type.ARRAY:
        return simpleType(t.getElementType()) + "[]".repeat(t.getDimensions());
      case Type.OBJECT:
        String name = t.getInternalName();
        return name.substring(name.lastIndexOf('/') + 1);
      default:
        return t.getClassName();
    }
  }

  /** The outermost class a (possibly nested, local or anonymous) class belongs to. */
  public static String family(String internalName) {
    int slash = internalName.lastIndexOf('/');
    int dollar = internalName.indexOf('$', slash + 1);
    // A leading '$' is part of a name, not a nesting separator.
    return dollar > slash + 1 ? internalName.substring(0, dollar) : internalName;
  }

  /** The element class of an array descriptor or internal name, or null for primitives. */
  public static String classOfTypeOperand(String typeOrDescriptor) {
    if (typeOrDescriptor.isEmpty() || typeOrDescriptor.charAt(0) != '[') {
      return typeOrDescriptor;
    }
    Type element = Type.getType(typeOrDescriptor).getElementType();
    return element.getSort() == Type.OBJECT ? element.getInternalName() : null;
  }
}
