package dev.hotpatch.diff.internal.compare;

import dev.hotpatch.diff.internal.names.SyntheticNames;
import java.util.StringJoiner;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureWriter;

/**
 * Rewrites class and member names while a class is fingerprinted, so that two builds can be
 * compared after synthetic names were matched (new names mapped back to the old ones) or with
 * javac's ordinals taken out (to find candidates for a match).
 *
 * <p>Subclasses decide names; this class applies them to descriptors, signatures and constants.
 */
abstract class NameMapper {

  /** Leaves every name as it is. */
  public static final NameMapper IDENTITY =
      new NameMapper() {
        @Override
        public String mapClass(String internalName) {
          return internalName;
        }

        @Override
        public String mapMember(String owner, String name, String descriptor) {
          return name;
        }

        @Override
        public String mapDescriptor(String descriptor) {
          return descriptor;
        }

        @Override
        public String mapSignature(String signature) {
          return signature;
        }
      };

  /** Replaces javac's ordinals in class and numbered member names by {@code #}. */
  public static final NameMapper ERASE_ORDINALS =
      new NameMapper() {
        @Override
        public String mapClass(String internalName) {
          return SyntheticNames.eraseClassOrdinals(internalName);
        }

        @Override
        public String mapMember(String owner, String name, String descriptor) {
          return SyntheticNames.eraseMemberOrdinal(name);
        }
      };

  public abstract String mapClass(String internalName);

  /** The name of member {@code name} declared in (original, unmapped) class {@code owner}. */
  public abstract String mapMember(String owner, String name, String descriptor);

  /** Maps the classes named in a field or method descriptor. */
  public String mapDescriptor(String descriptor) {
    if (descriptor == null || descriptor.indexOf('L') < 0) {
      return descriptor;
    }
    StringBuilder out = new StringBuilder(descriptor.length() + 8);
    int i = 0;
    int n = descriptor.length();
    while (i < n) {
      char c = descriptor.charAt(i);
      if (c == 'L') {
        int end = descriptor.indexOf(';', i);
        if (end < 0) {
          // Malformed: keep the rest verbatim rather than guess.
          out.append(descriptor, i, n);
          break;
        }
        out.append('L').append(mapClass(descriptor.substring(i + 1, end))).append(';');
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Maps the operand of NEW, ANEWARRAY, CHECKCAST, INSTANCEOF: an internal name or array type. */
  public String mapTypeOperand(String type) {
    return type.startsWith("[") ? mapDescriptor(type) : mapClass(type);
  }

  /** Maps the classes named in a generic signature; null stays null. */
  public String mapSignature(String signature) {
    if (signature == null) {
      return null;
    }
    SignatureWriter writer =
        new SignatureWriter() {
          @Override
          public void visitClassType(String name) {
            super.visitClassType(mapClass(name));
          }
        };
    new SignatureReader(signature).accept(writer);
    return writer.toString();
  }

  /**
   * A canonical text for a constant: an LDC operand, a bootstrap argument or a ConstantValue. The
   * type is part of the text, so {@code 1}, {@code 1L} and {@code 1.0f} stay distinct.
   */
  public String constantText(Object value) {
    if (value instanceof Type) {
      return "T" + mapDescriptor(((Type) value).getDescriptor());
    }
    if (value instanceof Handle) {
      return handleText((Handle) value);
    }
    if (value instanceof ConstantDynamic) {
      ConstantDynamic condy = (ConstantDynamic) value;
      StringJoiner args = new StringJoiner(",", "[", "]");
      for (int i = 0; i < condy.getBootstrapMethodArgumentCount(); i++) {
        args.add(constantText(condy.getBootstrapMethodArgument(i)));
      }
      return "C"
          + condy.getName()
          + " "
          + mapDescriptor(condy.getDescriptor())
          + " "
          + handleText(condy.getBootstrapMethod())
          + args;
    }
    if (value instanceof Float) {
      return "F" + Integer.toHexString(Float.floatToRawIntBits((Float) value));
    }
    if (value instanceof Double) {
      return "D" + Long.toHexString(Double.doubleToRawLongBits((Double) value));
    }
    if (value instanceof String) {
      return "S" + value;
    }
    // Integer, Long, and the boxed types an annotation or constant can hold.
    return value.getClass().getSimpleName().charAt(0) + String.valueOf(value);
  }

  public String handleText(Handle handle) {
    String owner = handle.getOwner();
    return "H"
        + handle.getTag()
        + " "
        + mapClass(owner)
        + "."
        + mapMember(owner, handle.getName(), handle.getDesc())
        + mapDescriptor(handle.getDesc())
        + (handle.isInterface() ? " itf" : "");
  }
}
