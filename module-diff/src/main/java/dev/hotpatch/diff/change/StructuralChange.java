package dev.hotpatch.diff.change;

import dev.hotpatch.diff.internal.names.Names;
import dev.hotpatch.diff.internal.names.SyntheticNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One structural difference of a class.
 *
 * <p>{@code member} names the field ({@code count:I}) or method ({@code greet()V}) concerned, as in
 * the old build where the member existed there, or is empty for the class itself. {@code before}
 * and {@code after} hold the old and new value in the form each {@link Kind} documents; empty means
 * "none". Class names are internal names ({@code demo/App$1}).
 */
public record StructuralChange(Kind kind, String member, String before, String after) {

  /** What changed. */
  public enum Kind {
    /** Class modifiers, as keywords. */
    CLASS_ACCESS_CHANGED,
    /** Class file version, {@code major.minor}. */
    CLASS_VERSION_CHANGED,
    /** Superclass, internal name. */
    SUPERCLASS_CHANGED,
    /** Implemented interfaces in declaration order, internal names separated by {@code ", "}. */
    INTERFACES_CHANGED,
    /** Generic signature of the class or of {@code member}, as in the class file. */
    GENERIC_SIGNATURE_CHANGED,
    /**
     * Annotations of the class or of {@code member} (including parameter annotations and an
     * annotation element's default), Java-like texts separated by {@code "; "}.
     */
    ANNOTATION_CHANGED,
    /** A field was added; {@code after} is its modifiers. */
    FIELD_ADDED,
    /** A field was removed; {@code before} is its modifiers. */
    FIELD_REMOVED,
    /** A field's type, descriptors. */
    FIELD_TYPE_CHANGED,
    /** A field's modifiers (static, final, visibility ...), as keywords. */
    FIELD_ACCESS_CHANGED,
    /** The order of the fields, names separated by {@code ", "}; the JVM cannot redefine it. */
    FIELDS_REORDERED,
    /** A field's ConstantValue, Java literals; empty when there is none. */
    CONSTANT_CHANGED,
    /** A method was added; {@code after} is its modifiers. */
    METHOD_ADDED,
    /** A method was removed; {@code before} is its modifiers. */
    METHOD_REMOVED,
    /**
     * A method's descriptor (one method of that name removed and one added) or its throws clause;
     * method ids, followed by {@code " throws "} and internal names when it declares exceptions.
     */
    METHOD_SIGNATURE_CHANGED,
    /** A method's modifiers, as keywords. */
    METHOD_ACCESS_CHANGED,
    /** Enum constants in declaration (ordinal) order, separated by {@code ", "}. */
    ENUM_CONSTANTS_CHANGED,
    /** Record components in order, {@code name:descriptor}, separated by {@code ", "}. */
    RECORD_COMPONENTS_CHANGED,
    /** Permitted subclasses of a sealed type, internal names separated by {@code ", "}. */
    PERMITTED_SUBCLASSES_CHANGED,
    /** The nest host, internal name. */
    NEST_HOST_CHANGED,
    /** The nest members, internal names separated by {@code ", "}. */
    NEST_MEMBERS_CHANGED,
    /** This class's own entries of the InnerClasses table (its member classes, its own flags). */
    INNER_CLASSES_CHANGED,
    /** The EnclosingMethod attribute of a local or anonymous class. */
    ENCLOSING_METHOD_CHANGED,
    /** The module descriptor of {@code module-info}. */
    MODULE_DESCRIPTOR_CHANGED,
    /**
     * A synthetic class or member was matched under another name; qualified names, {@code
     * demo/App$1} or {@code demo/App.lambda$main$0}.
     */
    SYNTHETIC_RENAMED,
    /** Synthetic classes or members that could match in more than one way; qualified names. */
    SYNTHETIC_AMBIGUOUS,
    /** The class could not be read or compared; {@code after} is the reason. */
    UNREADABLE
  }

  public StructuralChange {
    Objects.requireNonNull(kind, "kind");
    member = Objects.requireNonNullElse(member, "");
    before = Objects.requireNonNullElse(before, "");
    after = Objects.requireNonNullElse(after, "");
  }

  /** A short human description, for example {@code field added: count:int}. */
  public String describe() {
    String m = Names.displayMember(member);
    switch (kind) {
      case CLASS_ACCESS_CHANGED:
        return "class modifiers changed: " + before + " -> " + after;
      case CLASS_VERSION_CHANGED:
        return "class file version changed: " + before + " -> " + after;
      case SUPERCLASS_CHANGED:
        return "superclass changed: " + Names.binary(before) + " -> " + Names.binary(after);
      case INTERFACES_CHANGED:
        return "interfaces changed: " + listDelta(before, after, true);
      case GENERIC_SIGNATURE_CHANGED:
        return "generic signature changed" + on(m);
      case ANNOTATION_CHANGED:
        return "annotations changed" + on(m) + ": " + listDelta(before, after, "; ");
      case FIELD_ADDED:
        return "field added: " + m;
      case FIELD_REMOVED:
        return "field removed: " + m;
      case FIELD_TYPE_CHANGED:
        return "field type changed: " + m + " -> " + Names.displayField(fieldName(), after);
      case FIELD_ACCESS_CHANGED:
        return "field modifiers changed: " + m + " " + before + " -> " + after;
      case FIELDS_REORDERED:
        return "fields reordered: " + before + " -> " + after;
      case CONSTANT_CHANGED:
        return "constant changed: " + fieldName() + " " + orNone(before) + " -> " + orNone(after);
      case METHOD_ADDED:
        return (isLambda() ? "lambda added: " : "method added: ") + m;
      case METHOD_REMOVED:
        return (isLambda() ? "lambda removed: " : "method removed: ") + m;
      case METHOD_SIGNATURE_CHANGED:
        boolean sameParameters = signature(before, false).equals(signature(after, false));
        return "method signature changed: "
            + signature(before, sameParameters)
            + " -> "
            + signature(after, sameParameters);
      case METHOD_ACCESS_CHANGED:
        return "method modifiers changed: " + m + " " + before + " -> " + after;
      case ENUM_CONSTANTS_CHANGED:
        return "enum constants changed: [" + before + "] -> [" + after + "]";
      case RECORD_COMPONENTS_CHANGED:
        return "record components changed: ["
            + components(before)
            + "] -> ["
            + components(after)
            + "]";
      case PERMITTED_SUBCLASSES_CHANGED:
        return "permitted subclasses changed: " + listDelta(before, after, true);
      case NEST_HOST_CHANGED:
        return "nest host changed: "
            + orNone(Names.binary(before))
            + " -> "
            + orNone(Names.binary(after));
      case NEST_MEMBERS_CHANGED:
        return "nest members changed: " + listDelta(before, after, true);
      case INNER_CLASSES_CHANGED:
        return "inner classes changed: " + listDelta(before, after, false);
      case ENCLOSING_METHOD_CHANGED:
        return "enclosing method changed: " + orNone(before) + " -> " + orNone(after);
      case MODULE_DESCRIPTOR_CHANGED:
        return "module descriptor changed";
      case SYNTHETIC_RENAMED:
        return "renamed: " + shortName(before) + " -> " + shortName(after);
      case SYNTHETIC_AMBIGUOUS:
        return "ambiguous match: " + before + " -> " + after;
      case UNREADABLE:
        return "unreadable, counted as structural: " + after;
      default:
        return kind.name();
    }
  }

  private boolean isLambda() {
    int paren = member.indexOf('(');
    return SyntheticNames.isLambda(paren < 0 ? member : member.substring(0, paren));
  }

  private String fieldName() {
    int colon = member.lastIndexOf(':');
    return colon >= 0 ? member.substring(0, colon) : member;
  }

  private static String on(String displayMember) {
    return displayMember.isEmpty() ? "" : " on " + displayMember;
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "(none)" : value;
  }

  private static String signature(String value, boolean withReturn) {
    int throwsAt = value.indexOf(" throws ");
    String id = throwsAt < 0 ? value : value.substring(0, throwsAt);
    String method = withReturn ? Names.displayMethodWithReturn(id) : Names.displayMember(id);
    if (throwsAt < 0) {
      return method;
    }
    String exceptions = value.substring(throwsAt + 8);
    List<String> simple = new ArrayList<>();
    for (String e : exceptions.split(", ")) {
      simple.add(e.substring(e.lastIndexOf('/') + 1));
    }
    return method + " throws " + String.join(", ", simple);
  }

  private static String components(String list) {
    if (list.isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (String c : list.split(", ")) {
      // A component may carry a signature or annotations after a space; the name and type suffice.
      int space = c.indexOf(' ');
      out.add(Names.displayMember(space < 0 ? c : c.substring(0, space)));
    }
    return String.join(", ", out);
  }

  private static String shortName(String qualified) {
    int dot = qualified.lastIndexOf('.');
    return dot >= 0 ? qualified.substring(dot + 1) : Names.binary(qualified);
  }

  private static String listDelta(String before, String after, boolean classNames) {
    return listDelta(before, after, ", ", classNames);
  }

  private static String listDelta(String before, String after, String separator) {
    return listDelta(before, after, separator, false);
  }

  private static String listDelta(
      String before, String after, String separator, boolean classNames) {
    List<String> old = split(before, separator);
    List<String> neu = split(after, separator);
    List<String> out = new ArrayList<>();
    for (String item : neu) {
      if (!old.contains(item)) {
        out.add("+" + (classNames ? Names.binary(item) : item));
      }
    }
    for (String item : old) {
      if (!neu.contains(item)) {
        out.add("-" + (classNames ? Names.binary(item) : item));
      }
    }
    if (out.isEmpty()) {
      // Same items, other order.
      return "order " + before + " -> " + after;
    }
    return String.join(", ", out);
  }

  private static List<String> split(String list, String separator) {
    return list.isEmpty() ? List.of() : Arrays.asList(list.split(separator, -1));
  }
}
