package dev.hotpatch.diff.internal.store;

import dev.hotpatch.diff.classfile.Reference;
import dev.hotpatch.diff.classfile.Reference.Kind;
import dev.hotpatch.diff.internal.names.Names;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Reads one class file and records what it uses of classes outside its module, which classes (of
 * any module) its declarations name (for the stable layer), and whether it is a {@code @HotFacade}
 * interface.
 */
final class ReferenceCollector extends ClassVisitor {
  static final String HOT_FACADE = "Ldev/hotpatch/HotFacade;";
  static final String HOT_VALUE = "Ldev/hotpatch/HotValue;";
  private static final int API = Opcodes.ASM9;

  private final Set<String> moduleClasses;
  private final Map<Reference, Set<String>> references;
  private String className;
  private boolean isInterface;
  private boolean facade;
  private boolean value;
  private final Set<String> declared = new HashSet<>();
  private final Set<String> usedHere = new HashSet<>();

  /**
   * @param moduleClasses the module's own classes, which are not references
   * @param references where external references go, each with the classes that make it
   */
  ReferenceCollector(Set<String> moduleClasses, Map<Reference, Set<String>> references) {
    super(API);
    this.moduleClasses = moduleClasses;
    this.references = references;
  }

  /** Collects one class; returns the classes its declarations name, of any module or none. */
  Set<String> collect(String name, byte[] bytes) {
    className = name;
    facade = false;
    value = false;
    declared.clear();
    usedHere.clear();
    ClassReader reader = new ClassReader(bytes);
    reader.accept(this, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    constantPool(reader);
    return Set.copyOf(declared);
  }

  boolean isFacade() {
    return facade;
  }

  /** Whether the class is marked {@code @HotValue}. */
  boolean isValue() {
    return value;
  }

  @Override
  public void visit(
      int version, int access, String name, String signature, String superName, String[] ifs) {
    isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
    if (superName != null) {
      declare(superName, Kind.SUPERTYPE);
    }
    if (ifs != null) {
      for (String i : ifs) {
        declare(i, Kind.SUPERTYPE);
      }
    }
    signature(signature, true);
  }

  @Override
  public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
    if (visible && isInterface && HOT_FACADE.equals(descriptor)) {
      facade = true;
    }
    value |= visible && HOT_VALUE.equals(descriptor);
    return annotation(descriptor, true);
  }

  @Override
  public AnnotationVisitor visitTypeAnnotation(
      int typeRef, TypePath typePath, String descriptor, boolean visible) {
    return annotation(descriptor, true);
  }

  @Override
  public void visitPermittedSubclass(String permittedSubclass) {
    use(permittedSubclass, "", Kind.TYPE);
  }

  @Override
  public void visitOuterClass(String owner, String name, String descriptor) {
    use(owner, "", Kind.TYPE);
  }

  @Override
  public RecordComponentVisitor visitRecordComponent(
      String name, String descriptor, String signature) {
    descriptor(descriptor, true);
    signature(signature, true);
    return new RecordComponentVisitor(API) {
      @Override
      public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
        return annotation(desc, true);
      }

      @Override
      public AnnotationVisitor visitTypeAnnotation(
          int typeRef, TypePath typePath, String desc, boolean visible) {
        return annotation(desc, true);
      }
    };
  }

  @Override
  public FieldVisitor visitField(
      int access, String name, String descriptor, String signature, Object value) {
    descriptor(descriptor, true);
    signature(signature, true);
    return new FieldVisitor(API) {
      @Override
      public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
        return annotation(desc, true);
      }

      @Override
      public AnnotationVisitor visitTypeAnnotation(
          int typeRef, TypePath typePath, String desc, boolean visible) {
        return annotation(desc, true);
      }
    };
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    descriptor(descriptor, true);
    signature(signature, true);
    if (exceptions != null) {
      for (String e : exceptions) {
        declare(e, Kind.TYPE);
      }
    }
    return new Code();
  }

  /** What a method's code and annotations use. */
  private final class Code extends MethodVisitor {
    Code() {
      super(API);
    }

    @Override
    public AnnotationVisitor visitAnnotationDefault() {
      return annotation(null, true);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
      return annotation(desc, true);
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(
        int typeRef, TypePath typePath, String desc, boolean visible) {
      return annotation(desc, true);
    }

    @Override
    public AnnotationVisitor visitParameterAnnotation(int parameter, String desc, boolean visible) {
      return annotation(desc, true);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      typeOperand(type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      use(owner, Names.fieldId(name, descriptor), Kind.FIELD);
      descriptor(descriptor, false);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if (owner.startsWith("[")) {
        // clone() and friends on an array: the element type is what is used.
        typeOperand(owner);
      } else {
        use(owner, Names.methodId(name, descriptor), Kind.METHOD);
      }
      descriptor(descriptor, false);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bsm, Object... bsmArgs) {
      descriptor(descriptor, false);
      handle(bsm);
      for (Object arg : bsmArgs) {
        constant(arg);
      }
    }

    @Override
    public void visitLdcInsn(Object value) {
      constant(value);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      descriptor(descriptor, false);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      if (type != null) {
        use(type, "", Kind.TYPE);
      }
    }

    @Override
    public AnnotationVisitor visitInsnAnnotation(
        int typeRef, TypePath typePath, String desc, boolean visible) {
      return annotation(desc, false);
    }

    @Override
    public AnnotationVisitor visitTryCatchAnnotation(
        int typeRef, TypePath typePath, String desc, boolean visible) {
      return annotation(desc, false);
    }
  }

  private void constant(Object value) {
    if (value instanceof Type) {
      Type type = (Type) value;
      if (type.getSort() == Type.METHOD) {
        descriptor(type.getDescriptor(), false);
      } else {
        typeOperand(type.getSort() == Type.OBJECT ? type.getInternalName() : type.getDescriptor());
      }
    } else if (value instanceof Handle) {
      handle((Handle) value);
    } else if (value instanceof ConstantDynamic) {
      ConstantDynamic condy = (ConstantDynamic) value;
      descriptor(condy.getDescriptor(), false);
      handle(condy.getBootstrapMethod());
      for (int i = 0; i < condy.getBootstrapMethodArgumentCount(); i++) {
        constant(condy.getBootstrapMethodArgument(i));
      }
    }
  }

  private void handle(Handle handle) {
    boolean field = handle.getTag() <= Opcodes.H_PUTSTATIC;
    use(
        handle.getOwner(),
        field
            ? Names.fieldId(handle.getName(), handle.getDesc())
            : Names.methodId(handle.getName(), handle.getDesc()),
        field ? Kind.FIELD : Kind.METHOD);
    descriptor(handle.getDesc(), false);
  }

  private AnnotationVisitor annotation(String descriptor, boolean declaration) {
    if (descriptor != null) {
      Type type = Type.getType(descriptor);
      if (declaration) {
        declare(type.getInternalName(), Kind.ANNOTATION);
      } else {
        use(type.getInternalName(), "", Kind.ANNOTATION);
      }
    }
    return new AnnotationVisitor(API) {
      @Override
      public void visit(String name, Object value) {
        if (value instanceof Type) {
          constant(value);
        }
      }

      @Override
      public void visitEnum(String name, String desc, String value) {
        use(Type.getType(desc).getInternalName(), Names.fieldId(value, desc), Kind.FIELD);
      }

      @Override
      public AnnotationVisitor visitAnnotation(String name, String desc) {
        return annotation(desc, declaration);
      }

      @Override
      public AnnotationVisitor visitArray(String name) {
        return this;
      }
    };
  }

  private void typeOperand(String type) {
    String element = Names.classOfTypeOperand(type);
    if (element != null) {
      use(element, "", Kind.TYPE);
    }
  }

  private void descriptor(String descriptor, boolean declaration) {
    forEachClass(
        descriptor,
        c -> {
          if (declaration) {
            declare(c, Kind.TYPE);
          } else {
            use(c, "", Kind.TYPE);
          }
        });
  }

  private void signature(String signature, boolean declaration) {
    if (signature == null) {
      return;
    }
    new SignatureReader(signature)
        .accept(
            new SignatureVisitor(API) {
              private String current;

              @Override
              public void visitClassType(String name) {
                current = name;
                record(name);
              }

              @Override
              public void visitInnerClassType(String name) {
                current = current + "$" + name;
                record(current);
              }

              private void record(String name) {
                if (declaration) {
                  declare(name, Kind.SIGNATURE);
                } else {
                  use(name, "", Kind.SIGNATURE);
                }
              }
            });
  }

  /**
   * A use in a declaration: also names a class for the stable layer, wherever it lives, since the
   * stable layer follows declarations across modules.
   */
  private void declare(String owner, Kind kind) {
    declared.add(owner);
    use(owner, "", kind);
  }

  private void use(String owner, String member, Kind kind) {
    if (moduleClasses.contains(owner)) {
      return;
    }
    usedHere.add(owner);
    references
        .computeIfAbsent(new Reference(owner, member, kind), k -> new TreeSet<>())
        .add(className);
  }

  /**
   * Class entries left over (InnerClasses, NestMembers of other modules' classes ...) and strings
   * that spell a class name.
   */
  private void constantPool(ClassReader reader) {
    char[] buffer = new char[reader.getMaxStringLength()];
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      if (offset == 0) {
        continue;
      }
      int tag = reader.readByte(offset - 1);
      if (tag == 7) {
        String name = Names.classOfTypeOperand(reader.readUTF8(offset, buffer));
        if (name != null && !usedHere.contains(name) && !moduleClasses.contains(name)) {
          use(name, "", Kind.CONSTANT_POOL);
        }
      } else if (tag == 8) {
        String value = reader.readUTF8(offset, buffer);
        if (looksLikeClassName(value)) {
          String internal = value.replace('.', '/');
          if (!moduleClasses.contains(internal)) {
            references
                .computeIfAbsent(
                    new Reference(internal, "", Kind.CLASS_NAME_STRING), k -> new TreeSet<>())
                .add(className);
          }
        }
      }
    }
  }

  /** {@code lib.Impl}, {@code lib.Outer$Inner}: dotted identifiers, the last one capitalised. */
  static boolean looksLikeClassName(String s) {
    int lastDot = s.lastIndexOf('.');
    if (lastDot <= 0 || lastDot == s.length() - 1 || s.length() > 512) {
      return false;
    }
    if (!Character.isUpperCase(s.charAt(lastDot + 1))) {
      return false;
    }
    boolean segmentStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (segmentStart) {
          return false;
        }
        segmentStart = true;
      } else if (segmentStart
          ? !Character.isJavaIdentifierStart(c)
          : !Character.isJavaIdentifierPart(c)) {
        return false;
      } else {
        segmentStart = false;
      }
    }
    return !segmentStart;
  }

  private static void forEachClass(String descriptor, Consumer<String> out) {
    int i = descriptor.indexOf('L');
    while (i >= 0) {
      int end = descriptor.indexOf(';', i);
      if (end < 0) {
        return;
      }
      out.accept(descriptor.substring(i + 1, end));
      i = descriptor.indexOf('L', end);
    }
  }
}
