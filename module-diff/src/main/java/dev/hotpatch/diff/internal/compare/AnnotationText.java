package dev.hotpatch.diff.internal.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.TypeAnnotationNode;

/**
 * Annotations as Java-like text ({@code @lib.Route(path="/a", methods={GET})}), readable in a
 * summary and canonical enough to compare: two annotations are equal when their texts are.
 */
final class AnnotationText {
  private AnnotationText() {}

  /** All annotations of one element, sorted: their order in the class file means nothing. */
  public static List<String> of(
      List<AnnotationNode> visible,
      List<AnnotationNode> invisible,
      List<TypeAnnotationNode> visibleType,
      List<TypeAnnotationNode> invisibleType,
      NameMapper mapper) {
    List<String> out = new ArrayList<>();
    add(out, visible, "", mapper);
    add(out, invisible, " (class retention)", mapper);
    add(out, visibleType, "", mapper);
    add(out, invisibleType, " (class retention)", mapper);
    out.sort(null);
    return List.copyOf(out);
  }

  private static void add(
      List<String> out, List<? extends AnnotationNode> nodes, String suffix, NameMapper mapper) {
    if (nodes == null) {
      return;
    }
    for (AnnotationNode node : nodes) {
      String prefix = "";
      if (node instanceof TypeAnnotationNode) {
        TypeAnnotationNode typeNode = (TypeAnnotationNode) node;
        prefix =
            "type-use 0x"
                + Integer.toHexString(typeNode.typeRef)
                + (typeNode.typePath == null ? "" : " " + typeNode.typePath)
                + " ";
      }
      out.add(prefix + text(node, mapper) + suffix);
    }
  }

  public static String text(AnnotationNode node, NameMapper mapper) {
    StringBuilder out = new StringBuilder("@").append(typeName(node.desc, mapper));
    if (node.values != null && !node.values.isEmpty()) {
      StringJoiner values = new StringJoiner(", ", "(", ")");
      for (int i = 0; i + 1 < node.values.size(); i += 2) {
        values.add(node.values.get(i) + "=" + value(node.values.get(i + 1), mapper));
      }
      out.append(values);
    }
    return out.toString();
  }

  /** The value of an element, as {@link AnnotationNode#values} holds it. */
  public static String value(Object value, NameMapper mapper) {
    if (value instanceof String) {
      return quote((String) value);
    }
    if (value instanceof Type) {
      return typeName(((Type) value).getDescriptor(), mapper) + ".class";
    }
    if (value instanceof String[]) {
      String[] enumValue = (String[]) value;
      return typeName(enumValue[0], mapper) + "." + enumValue[1];
    }
    if (value instanceof AnnotationNode) {
      return text((AnnotationNode) value, mapper);
    }
    if (value instanceof List) {
      StringJoiner items = new StringJoiner(", ", "{", "}");
      for (Object item : (List<?>) value) {
        items.add(value(item, mapper));
      }
      return items.toString();
    }
    if (value instanceof Character) {
      return "'" + value + "'";
    }
    if (value instanceof Long) {
      return value + "L";
    }
    if (value instanceof Float) {
      return value + "f";
    }
    if (value instanceof Double) {
      return value + "d";
    }
    if (value instanceof Byte) {
      return "(byte)" + value;
    }
    if (value instanceof Short) {
      return "(short)" + value;
    }
    return String.valueOf(value);
  }

  /**
   * A Java literal for the ConstantValue of a field of type {@code descriptor}: {@code "hi"},
   * {@code 3}, {@code 3L}, {@code 1.5f}, {@code 'c'}, {@code true}; null when there is none.
   */
  public static String literal(Object constant, String descriptor) {
    if (constant == null) {
      return null;
    }
    // The class file stores boolean, byte, char and short constants as int.
    if (constant instanceof Integer) {
      int i = (Integer) constant;
      switch (descriptor) {
        case "Z":
          return i != 0 ? "true" : "false";
        case "C":
          return value((char) i, NameMapper.IDENTITY);
        case "B":
          return value((byte) i, NameMapper.IDENTITY);
        case "S":
          return value((short) i, NameMapper.IDENTITY);
        default:
          return String.valueOf(i);
      }
    }
    return value(constant, NameMapper.IDENTITY);
  }

  private static String typeName(String descriptor, NameMapper mapper) {
    return Type.getType(mapper.mapDescriptor(descriptor)).getClassName();
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
