package dev.hotpatch.runtime.internal;

import dev.hotpatch.internal.HotFacades;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the facade class of a {@code @HotFacade} interface: a final class implementing it whose
 * every method is one {@code invokedynamic} of the method's arguments, bootstrapped by {@link
 * HotFacades} and linked by {@link FacadeMethodSite} to the current implementation.
 */
final class FacadeGenerator {
  private static final Handle BOOTSTRAP =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          HotFacades.OWNER,
          HotFacades.BOOTSTRAP,
          HotFacades.BOOTSTRAP_DESCRIPTOR,
          false);

  /** What a facade class's name adds to its interface's. */
  static final String SUFFIX = "$HotFacade";

  private FacadeGenerator() {}

  /** The binary name of the facade class of {@code type}. */
  static String facadeName(Class<?> type) {
    return type.getName() + SUFFIX;
  }

  /** The class file of the facade of {@code type}, named after it, in its package. */
  static byte[] facadeClass(Class<?> type) {
    String name = Type.getInternalName(type) + SUFFIX;
    // Straight-line code only: no frames to compute, so no class needs loading to write it.
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(
        Opcodes.V17,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
        name,
        null,
        "java/lang/Object",
        new String[] {Type.getInternalName(type)});
    MethodVisitor constructor = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    constructor.visitCode();
    constructor.visitVarInsn(Opcodes.ALOAD, 0);
    constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    constructor.visitInsn(Opcodes.RETURN);
    constructor.visitMaxs(0, 0);
    constructor.visitEnd();
    for (Method method : forwarded(type).values()) {
      forward(writer, method);
    }
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** The instance methods of the interface and its superinterfaces, one per signature. */
  private static Map<String, Method> forwarded(Class<?> type) {
    Map<String, Method> methods = new LinkedHashMap<>();
    for (Method method : type.getMethods()) {
      if (!Modifier.isStatic(method.getModifiers())) {
        methods.putIfAbsent(method.getName() + Type.getMethodDescriptor(method), method);
      }
    }
    return methods;
  }

  private static void forward(ClassWriter writer, Method method) {
    String descriptor = Type.getMethodDescriptor(method);
    String[] exceptions = new String[method.getExceptionTypes().length];
    for (int i = 0; i < exceptions.length; i++) {
      exceptions[i] = Type.getInternalName(method.getExceptionTypes()[i]);
    }
    MethodVisitor code =
        writer.visitMethod(Opcodes.ACC_PUBLIC, method.getName(), descriptor, null, exceptions);
    code.visitCode();
    int slot = 1;
    for (Type argument : Type.getArgumentTypes(descriptor)) {
      code.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
      slot += argument.getSize();
    }
    code.visitInvokeDynamicInsn(method.getName(), descriptor, BOOTSTRAP);
    code.visitInsn(Type.getReturnType(descriptor).getOpcode(Opcodes.IRETURN));
    code.visitMaxs(0, 0);
    code.visitEnd();
  }
}
