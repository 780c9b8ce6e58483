package dev.hotpatch.runtime.facade;

import dev.hotpatch.internal.HotFacades;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the two facade classes of a {@code @HotFacade} interface, final classes implementing it
 * whose every method is one {@code invokedynamic} bootstrapped by {@link HotFacades}:
 *
 * <ul>
 *   <li>the facade {@code Hot.facade} returns ({@value #SUFFIX}): the arguments only, linked by
 *       {@link FacadeMethodSite} to the current implementation;
 *   <li>the instance facade ({@value #INSTANCE_SUFFIX}) of an object a facade method returns: its
 *       target field, then the arguments, linked by {@link InstanceMethodSite} to the target's
 *       class; and {@code equals}, {@code hashCode} and {@code toString} forwarded to the target,
 *       so that it stands for its target in maps and sets.
 * </ul>
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

  private static final String OBJECT = "java/lang/Object";
  private static final String EQUALS = "equals(Ljava/lang/Object;)Z";
  private static final String HASH_CODE = "hashCode()I";
  private static final String TO_STRING = "toString()Ljava/lang/String;";

  /** What an instance facade class's name adds to its interface's. */
  static final String INSTANCE_SUFFIX = "$HotInstance";

  /** The field of an instance facade that holds its target; re-set when a patch re-instances it. */
  static final String TARGET_FIELD = "hotpatch$target";

  private FacadeGenerator() {}

  /** The binary name of the facade class of {@code type}. */
  static String facadeName(Class<?> type) {
    return type.getName() + SUFFIX;
  }

  /** The binary name of the instance facade class of {@code type}. */
  static String instanceName(Class<?> type) {
    return type.getName() + INSTANCE_SUFFIX;
  }

  /** The class file of the facade of {@code type}, named after it, in its package. */
  static byte[] facadeClass(Class<?> type) {
    return write(type, false);
  }

  /**
   * The class file of the instance facade of {@code type}: a constructor taking the target, and a
   * field {@value #TARGET_FIELD} holding it.
   */
  static byte[] instanceClass(Class<?> type) {
    return write(type, true);
  }

  private static byte[] write(Class<?> type, boolean instance) {
    String name = Type.getInternalName(type) + (instance ? INSTANCE_SUFFIX : SUFFIX);
    // Frames are written by hand (one, in equals): computing them would load classes.
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(
        Opcodes.V17,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
        name,
        null,
        "java/lang/Object",
        new String[] {Type.getInternalName(type)});
    if (instance) {
      // Volatile: a patch re-targets it from its own thread while callers keep calling.
      writer
          .visitField(
              Opcodes.ACC_PUBLIC | Opcodes.ACC_VOLATILE | Opcodes.ACC_SYNTHETIC,
              TARGET_FIELD,
              "Ljava/lang/Object;",
              null,
              null)
          .visitEnd();
    }
    String constructorDescriptor = instance ? "(Ljava/lang/Object;)V" : "()V";
    MethodVisitor constructor =
        writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", constructorDescriptor, null, null);
    constructor.visitCode();
    constructor.visitVarInsn(Opcodes.ALOAD, 0);
    constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    if (instance) {
      constructor.visitVarInsn(Opcodes.ALOAD, 0);
      constructor.visitVarInsn(Opcodes.ALOAD, 1);
      constructor.visitFieldInsn(Opcodes.PUTFIELD, name, TARGET_FIELD, "Ljava/lang/Object;");
    }
    constructor.visitInsn(Opcodes.RETURN);
    constructor.visitMaxs(0, 0);
    constructor.visitEnd();
    Map<String, Method> forwarded = forwarded(type);
    if (instance) {
      // Written below, whether or not the interface redeclares them.
      forwarded.keySet().removeAll(Set.of(EQUALS, HASH_CODE, TO_STRING));
      writeEquals(writer, name);
      writeToTarget(writer, name, HASH_CODE, Opcodes.IRETURN);
      writeToTarget(writer, name, TO_STRING, Opcodes.ARETURN);
    }
    for (Method method : forwarded.values()) {
      forward(writer, method, instance ? name : null);
    }
    writer.visitEnd();
    return writer.toByteArray();
  }

  /**
   * {@code equals(other)}: the target's, with {@code other} unwrapped when it is an instance facade
   * of the same interface, so that two facades of equal targets are equal.
   */
  private static void writeEquals(ClassWriter writer, String owner) {
    MethodVisitor code =
        writer.visitMethod(Opcodes.ACC_PUBLIC, "equals", "(Ljava/lang/Object;)Z", null, null);
    code.visitCode();
    Label compare = new Label();
    code.visitVarInsn(Opcodes.ALOAD, 1);
    code.visitTypeInsn(Opcodes.INSTANCEOF, owner);
    code.visitJumpInsn(Opcodes.IFEQ, compare);
    code.visitVarInsn(Opcodes.ALOAD, 1);
    code.visitTypeInsn(Opcodes.CHECKCAST, owner);
    code.visitFieldInsn(Opcodes.GETFIELD, owner, TARGET_FIELD, "Ljava/lang/Object;");
    code.visitVarInsn(Opcodes.ASTORE, 1);
    code.visitLabel(compare);
    // The one branch target: locals as on entry (this, an Object), an empty stack.
    code.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
    code.visitVarInsn(Opcodes.ALOAD, 0);
    code.visitFieldInsn(Opcodes.GETFIELD, owner, TARGET_FIELD, "Ljava/lang/Object;");
    code.visitVarInsn(Opcodes.ALOAD, 1);
    code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, OBJECT, "equals", "(Ljava/lang/Object;)Z", false);
    code.visitInsn(Opcodes.IRETURN);
    code.visitMaxs(0, 0);
    code.visitEnd();
  }

  /** A method without arguments of {@link Object}, {@code nameAndDescriptor}, of the target. */
  private static void writeToTarget(
      ClassWriter writer, String owner, String nameAndDescriptor, int returnOpcode) {
    int split = nameAndDescriptor.indexOf('(');
    String name = nameAndDescriptor.substring(0, split);
    String descriptor = nameAndDescriptor.substring(split);
    MethodVisitor code = writer.visitMethod(Opcodes.ACC_PUBLIC, name, descriptor, null, null);
    code.visitCode();
    code.visitVarInsn(Opcodes.ALOAD, 0);
    code.visitFieldInsn(Opcodes.GETFIELD, owner, TARGET_FIELD, "Ljava/lang/Object;");
    code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, OBJECT, name, descriptor, false);
    code.visitInsn(returnOpcode);
    code.visitMaxs(0, 0);
    code.visitEnd();
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

  /**
   * @param instanceOwner the instance facade's internal name, whose target goes first to the call
   *     site; {@code null} for the facade
   */
  private static void forward(ClassWriter writer, Method method, String instanceOwner) {
    String descriptor = Type.getMethodDescriptor(method);
    String[] exceptions = new String[method.getExceptionTypes().length];
    for (int i = 0; i < exceptions.length; i++) {
      exceptions[i] = Type.getInternalName(method.getExceptionTypes()[i]);
    }
    MethodVisitor code =
        writer.visitMethod(Opcodes.ACC_PUBLIC, method.getName(), descriptor, null, exceptions);
    code.visitCode();
    String siteDescriptor = descriptor;
    if (instanceOwner != null) {
      code.visitVarInsn(Opcodes.ALOAD, 0);
      code.visitFieldInsn(Opcodes.GETFIELD, instanceOwner, TARGET_FIELD, "Ljava/lang/Object;");
      siteDescriptor = "(Ljava/lang/Object;" + descriptor.substring(1);
    }
    int slot = 1;
    for (Type argument : Type.getArgumentTypes(descriptor)) {
      code.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
      slot += argument.getSize();
    }
    code.visitInvokeDynamicInsn(method.getName(), siteDescriptor, BOOTSTRAP);
    code.visitInsn(Type.getReturnType(descriptor).getOpcode(Opcodes.IRETURN));
    code.visitMaxs(0, 0);
    code.visitEnd();
  }
}
