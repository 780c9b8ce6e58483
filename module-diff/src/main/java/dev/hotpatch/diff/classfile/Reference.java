package dev.hotpatch.diff.classfile;

import dev.hotpatch.diff.internal.names.Names;
import java.util.Objects;

/**
 * One use, by the classes of a module, of a class or member declared outside the module.
 *
 * @param className internal name of the class used ({@code lib/Greeter}); for an array type, its
 *     element class
 * @param member the field ({@code count:I}) or method ({@code greet()V}) used, or empty when the
 *     class itself is used
 * @param kind how it is used
 */
public record Reference(String className, String member, Kind kind)
    implements Comparable<Reference> {

  /** How a class or member is used, most specific first. */
  public enum Kind {
    /** A method is called or its handle taken ({@code member} set). */
    METHOD,
    /** A field is read or written, or an enum constant named in an annotation ({@code member}). */
    FIELD,
    /** The class is a superclass or an implemented interface. */
    SUPERTYPE,
    /** The class is an annotation type used on a class, member or parameter. */
    ANNOTATION,
    /**
     * The class is named in a descriptor, an instruction (new, cast, instanceof, class literal,
     * catch), a throws clause or an annotation value.
     */
    TYPE,
    /** The class is named only inside a generic signature. */
    SIGNATURE,
    /**
     * The class appears only as a class entry of the constant pool (say, the InnerClasses table).
     */
    CONSTANT_POOL,
    /**
     * A string constant spells the binary name of the class ({@code "lib.Impl"}): perhaps a {@code
     * Class.forName} argument. Only counted when a class of that name exists.
     */
    CLASS_NAME_STRING
  }

  public Reference {
    Objects.requireNonNull(className, "className");
    member = Objects.requireNonNullElse(member, "");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * {@code lib.Greeter#greet()}, {@code lib.Greeter#count}, {@code lib.Base (supertype)}, {@code
   * lib.Greeter}.
   */
  public String describe() {
    String owner = Names.binary(className);
    switch (kind) {
      case METHOD:
        return owner + "#" + Names.displayMember(member);
      case FIELD:
        int colon = member.lastIndexOf(':');
        return owner + "#" + (colon >= 0 ? member.substring(0, colon) : member);
      case SUPERTYPE:
        return owner + " (supertype)";
      case ANNOTATION:
        return owner + " (annotation)";
      case SIGNATURE:
        return owner + " (generic signature)";
      case CONSTANT_POOL:
        return owner + " (constant pool)";
      case CLASS_NAME_STRING:
        return owner + " (class name in a string)";
      default:
        return owner;
    }
  }

  @Override
  public int compareTo(Reference other) {
    int c = className.compareTo(other.className);
    if (c == 0) {
      c = kind.compareTo(other.kind);
    }
    return c != 0 ? c : member.compareTo(other.member);
  }
}
