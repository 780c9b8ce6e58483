package dev.hotpatch.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * One compiled class as the architecture tests see it: its internal name, every class it uses, and
 * whether it is nested in another (nested, local and anonymous classes count for their package's
 * uses but not as its classes).
 *
 * <p>Uses are read from the constant pool, so that every use counts, not only imports: the classes
 * it names (superclass, interfaces, owners of the fields and methods it uses, class literals, catch
 * types) and those in its descriptors and generic signatures. String constants are skipped: a class
 * named only in a string (an entry point loaded by name) or in a comment is no use.
 *
 * @param name internal name ({@code dev/hotpatch/runtime/loader/Generation$1})
 * @param uses internal names of the other classes it uses, sorted
 * @param nested whether it is a nested, local or anonymous class
 */
public record CompiledClass(String name, Set<String> uses, boolean nested) {
  private static final int CONSTANT_UTF8 = 1;
  private static final int CONSTANT_CLASS = 7;
  private static final int CONSTANT_STRING = 8;

  /**
   * A class named in a descriptor or a generic signature: {@code Ljava/util/List;}, {@code
   * Ljava/util/List<}. A package is required, which keeps words of other text out.
   */
  private static final Pattern NAMED = Pattern.compile("L([\\w$]+(?:/[\\w$]+)+)[;<]");

  public CompiledClass {
    uses = Set.copyOf(uses);
  }

  /** {@code dev.hotpatch.runtime.loader} for {@code dev/hotpatch/runtime/loader/Generation$1}. */
  public String packageName() {
    return packageOf(name);
  }

  /** The package of an internal name, dotted; {@code ""} for the unnamed package. */
  public static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
  }

  /** Reads a class file. */
  public static CompiledClass read(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    char[] buffer = new char[reader.getMaxStringLength()];
    Set<Integer> strings = new HashSet<>();
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_STRING) {
        strings.add(reader.readUnsignedShort(offset));
      }
    }
    Set<String> uses = new TreeSet<>();
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      if (offset == 0) {
        continue; // The second slot of a long or double.
      }
      int tag = reader.readByte(offset - 1);
      if (tag == CONSTANT_CLASS) {
        String named = reader.readUTF8(offset, buffer);
        if (named.startsWith("[")) {
          addNamed(named, uses); // An array class: [Ljava/lang/String;
        } else {
          uses.add(named);
        }
      } else if (tag == CONSTANT_UTF8 && !strings.contains(i)) {
        addNamed(utf8(bytes, offset), uses);
      }
    }
    String name = reader.getClassName();
    uses.remove(name);
    boolean[] nested = new boolean[1];
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public void visitInnerClass(
              String inner, String outerName, String innerName, int access) {
            nested[0] |= inner.equals(name);
          }
        },
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new CompiledClass(name, uses, nested[0]);
  }

  private static void addNamed(String text, Set<String> uses) {
    if (text.indexOf('L') < 0) {
      return;
    }
    Matcher named = NAMED.matcher(text);
    while (named.find()) {
      uses.add(named.group(1));
    }
  }

  /** The CONSTANT_Utf8_info at {@code offset}: a length, then modified UTF-8. */
  private static String utf8(byte[] bytes, int offset) {
    try {
      int length = ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
      return new DataInputStream(new ByteArrayInputStream(bytes, offset, length + 2)).readUTF();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
