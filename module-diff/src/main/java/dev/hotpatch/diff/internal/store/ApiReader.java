package dev.hotpatch.diff.internal.store;

import dev.hotpatch.diff.classfile.ClassApi;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;

/** Reads the {@link ClassApi} of a class file with ASM, without its code. */
final class ApiReader {
  private static final int CONSTANT_UTF8 = 1;
  private static final int CONSTANT_CLASS = 7;

  /** A class named in a descriptor or signature: {@code Lname;} or {@code Lname<}. */
  private static final Pattern NAMED_CLASS = Pattern.compile("L([^;<>\\[:.()]+)[;<]");

  private ApiReader() {}

  /**
   * @throws IllegalArgumentException when {@code bytes} is not a class file ASM can read
   */
  public static ClassApi read(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ApiPrinter api = new ApiPrinter();
    reader.accept(api, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
    Set<String> references = references(reader, bytes);
    references.remove(reader.getClassName());
    return new ClassApi(
        reader.getClassName(),
        api.sourceFile,
        reader.getSuperName(),
        Arrays.asList(reader.getInterfaces()),
        references,
        api.digest(),
        api.constants,
        !api.nested);
  }

  /** Class entries of the constant pool, and classes named in its descriptors and signatures. */
  private static Set<String> references(ClassReader reader, byte[] bytes) {
    Set<String> names = new HashSet<>();
    char[] buffer = new char[reader.getMaxStringLength()];
    for (int item = 1; item < reader.getItemCount(); item++) {
      int offset = reader.getItem(item);
      if (offset == 0) {
        continue; // the unusable slot after a long or double
      }
      int tag = bytes[offset - 1];
      if (tag == CONSTANT_CLASS) {
        String name = reader.readUTF8(offset, buffer);
        if (name.startsWith("[")) {
          addNamed(name, names);
        } else {
          names.add(name);
        }
      } else if (tag == CONSTANT_UTF8) {
        addNamed(utf8(bytes, offset), names);
      }
    }
    return names;
  }

  private static void addNamed(String text, Set<String> names) {
    if (text.indexOf('L') < 0) {
      return;
    }
    Matcher matcher = NAMED_CLASS.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
  }

  private static String utf8(byte[] bytes, int offset) {
    int length = ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    try {
      return new DataInputStream(new ByteArrayInputStream(bytes, offset, length + 2)).readUTF();
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed constant pool string at " + offset, e);
    }
  }

  /**
   * Writes what other classes compile against as sorted lines: member order in the source does not
   * matter to them, and private members are none of their business.
   */
  private static final class ApiPrinter extends ClassVisitor {
    private final StringBuilder header = new StringBuilder();
    private final Set<String> members = new TreeSet<>();
    private final Map<String, String> constants = new TreeMap<>();
    private String name;
    private String sourceFile;
    private boolean nested;

    ApiPrinter() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      this.name = name;
      header
          .append("class ")
          .append(access & ~Opcodes.ACC_SUPER)
          .append(' ')
          .append(name)
          .append(' ')
          .append(signature)
          .append(' ')
          .append(superName)
          .append(' ')
          .append(Arrays.toString(interfaces))
          .append('\n');
    }

    @Override
    public void visitSource(String source, String debug) {
      sourceFile = source;
    }

    @Override
    public void visitOuterClass(String owner, String method, String descriptor) {
      nested = true;
      members.add("enclosing " + owner + " " + method + descriptor);
    }

    @Override
    public void visitInnerClass(String inner, String outer, String simpleName, int access) {
      if (inner.equals(name)) {
        nested = true;
      }
      members.add("inner " + inner + " " + outer + " " + simpleName + " " + access);
    }

    @Override
    public void visitPermittedSubclass(String permitted) {
      members.add("permits " + permitted);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return new AnnotationPrinter("@" + descriptor, members);
    }

    @Override
    public RecordComponentVisitor visitRecordComponent(
        String name, String descriptor, String signature) {
      members.add("component " + name + " " + descriptor + " " + signature);
      return null;
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      if ((access & Opcodes.ACC_PRIVATE) != 0) {
        return null;
      }
      String field = "field " + access + " " + name + " " + descriptor + " " + signature;
      members.add(field + " = " + literal(value));
      if (value != null && (access & Opcodes.ACC_STATIC) != 0) {
        constants.put(name, literal(value));
      }
      return new FieldVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          return new AnnotationPrinter(field + " @" + annotation, members);
        }
      };
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      if ((access & Opcodes.ACC_PRIVATE) != 0) {
        return null;
      }
      String method =
          "method "
              + access
              + " "
              + name
              + descriptor
              + " "
              + signature
              + " "
              + Arrays.toString(exceptions);
      members.add(method);
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          return new AnnotationPrinter(method + " @" + annotation, members);
        }

        @Override
        public AnnotationVisitor visitAnnotationDefault() {
          return new AnnotationPrinter(method + " default", members);
        }
      };
    }

    String digest() {
      StringBuilder text = new StringBuilder(header);
      members.forEach(line -> text.append(line).append('\n'));
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return HexFormat.of()
            .formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("Every JDK has SHA-256", e);
      }
    }
  }

  /** Adds one line per annotation value, prefixed with where the annotation is. */
  private static final class AnnotationPrinter extends AnnotationVisitor {
    private final String prefix;
    private final Set<String> lines;
    private int element;

    AnnotationPrinter(String prefix, Set<String> lines) {
      super(Opcodes.ASM9);
      this.prefix = prefix;
      this.lines = lines;
      lines.add(prefix);
    }

    @Override
    public void visit(String name, Object value) {
      lines.add(prefix + " " + key(name) + "=" + literal(value));
    }

    @Override
    public void visitEnum(String name, String descriptor, String value) {
      lines.add(prefix + " " + key(name) + "=" + descriptor + "." + value);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String name, String descriptor) {
      return new AnnotationPrinter(prefix + " " + key(name) + "=@" + descriptor, lines);
    }

    @Override
    public AnnotationVisitor visitArray(String name) {
      return new AnnotationPrinter(prefix + " " + key(name) + "[]", lines);
    }

    /** Array elements have no name; their position keeps them apart. */
    private String key(String name) {
      return name != null ? name : "#" + element++;
    }
  }

  private static String literal(Object value) {
    if (value instanceof Type type) {
      return type.getDescriptor() + ".class";
    }
    if (value instanceof String string) {
      return '"' + string + '"';
    }
    if (value != null && value.getClass().isArray()) {
      return value.getClass().getComponentType() + Arrays.deepToString(new Object[] {value});
    }
    return value + (value == null ? "" : ":" + value.getClass().getSimpleName());
  }
}
