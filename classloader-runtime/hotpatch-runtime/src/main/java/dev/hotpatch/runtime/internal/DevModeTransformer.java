package dev.hotpatch.runtime.internal;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a module's classes as they are defined, for patching:
 *
 * <ul>
 *   <li>static final fields of classes lose {@code final}, so that a patch can set the value the
 *       previous version held. Compile-time constants keep it: javac inlines them into every use,
 *       so their value is whatever the source says and is never carried.
 *   <li>the static initializer of a class with static state first reports the class to its loader's
 *       {@link #INIT_LOG init log}. A patch carries statics only from classes the application
 *       initialized: reading a static field of any other class would run its old initializer.
 * </ul>
 *
 * <p>Interfaces are left alone: their fields are final by the JVM's rules.
 */
final class DevModeTransformer {
  /** Internal name of the init-log class that every module loader defines for its own classes. */
  static final String INIT_LOG = "dev/hotpatch/generated/ClassInitLog";

  /** Binary name of {@link #INIT_LOG}. */
  static final String INIT_LOG_CLASS = INIT_LOG.replace('/', '.');

  static final String INIT_LOG_FIELD = "sink";
  private static final String CONSUMER = "java/util/function/Consumer";
  private static final String CONSUMER_DESCRIPTOR = "L" + CONSUMER + ";";

  private DevModeTransformer() {}

  /**
   * Returns the class file {@code original}, rewritten.
   *
   * @throws IllegalArgumentException if {@code original} is not a class file ASM can read
   */
  static byte[] transform(byte[] original) {
    ClassReader reader = new ClassReader(original);
    // Passing the reader lets ASM copy untouched methods byte for byte; the one method changed
    // gets its max stack set by hand, so nothing needs to be computed.
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new DevModeVisitor(writer), 0);
    return writer.toByteArray();
  }

  /**
   * The init-log class: one public static {@code Consumer<Class<?>>} that the loader fills in
   * before it defines any class of its module.
   */
  static byte[] initLogClass() {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(
        Opcodes.V11,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
        INIT_LOG,
        null,
        "java/lang/Object",
        null);
    writer
        .visitField(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE,
            INIT_LOG_FIELD,
            CONSUMER_DESCRIPTOR,
            "Ljava/util/function/Consumer<Ljava/lang/Class<*>;>;",
            null)
        .visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  private static final class DevModeVisitor extends ClassVisitor {
    private String owner;
    private boolean tracked;
    private boolean hasStaticState;
    private boolean hasInitializer;

    DevModeVisitor(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      owner = name;
      // ldc of a class constant, which the hook needs, exists from class file version 49 on.
      tracked = (access & Opcodes.ACC_INTERFACE) == 0 && (version & 0xFFFF) >= Opcodes.V1_5;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
      boolean isFinal = (access & Opcodes.ACC_FINAL) != 0;
      boolean isConstant = isFinal && value != null;
      if (tracked && isStatic && !isConstant) {
        hasStaticState = true;
        access &= ~Opcodes.ACC_FINAL;
      }
      return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      if (!tracked || !"<clinit>".equals(name) || next == null) {
        return next;
      }
      hasInitializer = true;
      return new MethodVisitor(Opcodes.ASM9, next) {
        @Override
        public void visitCode() {
          super.visitCode();
          emitReport(mv);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
          // The report runs on an empty stack and needs two slots.
          super.visitMaxs(Math.max(maxStack, 2), maxLocals);
        }
      };
    }

    @Override
    public void visitEnd() {
      // A class with static fields but no initializer still needs one to report itself: its
      // fields can hold state (a counter starting at 0) that a patch must carry.
      if (tracked && hasStaticState && !hasInitializer) {
        MethodVisitor initializer =
            super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        initializer.visitCode();
        emitReport(initializer);
        initializer.visitInsn(Opcodes.RETURN);
        initializer.visitMaxs(2, 0);
        initializer.visitEnd();
      }
      super.visitEnd();
    }

    private void emitReport(MethodVisitor method) {
      method.visitFieldInsn(Opcodes.GETSTATIC, INIT_LOG, INIT_LOG_FIELD, CONSUMER_DESCRIPTOR);
      method.visitLdcInsn(Type.getObjectType(owner));
      method.visitMethodInsn(
          Opcodes.INVOKEINTERFACE, CONSUMER, "accept", "(Ljava/lang/Object;)V", true);
    }
  }
}
