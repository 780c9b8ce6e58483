package dev.hotpatch.diff.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generates a module of plain classes with ASM, sized like ordinary application classes (fields, a
 * constant, a constructor, a loop, calls into a neighbouring class, string building, line numbers
 * and local variable tables).
 */
final class SyntheticModule {
  private SyntheticModule() {}

  /** Class names are {@code bench/p<i / 100>/C<i>}. */
  static String name(int index) {
    return "bench/p" + (index / 100) + "/C" + index;
  }

  /** All classes of a module; {@code changed} gets a different body in {@code compute}, if any. */
  static Map<String, byte[]> generate(int classes, int changed) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int i = 0; i < classes; i++) {
      out.put(name(i), generateClass(i, i == changed ? 1 : 0));
    }
    return out;
  }

  static byte[] generateClass(int index, int variant) {
    String name = name(index);
    String neighbour = name(index == 0 ? 0 : index - 1);
    ClassWriter cw =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
          @Override
          protected String getCommonSuperClass(String type1, String type2) {
            // The generated code never merges two different reference types.
            return "java/lang/Object";
          }
        };
    cw.visit(
        Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
    cw.visitSource("C" + index + ".java", null);
    cw.visitField(Opcodes.ACC_PRIVATE, "count", "I", null, null).visitEnd();
    cw.visitField(Opcodes.ACC_PRIVATE, "total", "J", null, null).visitEnd();
    cw.visitField(Opcodes.ACC_PRIVATE, "label", "Ljava/lang/String;", null, null).visitEnd();
    cw.visitField(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL,
            "TAG",
            "Ljava/lang/String;",
            null,
            "C" + index)
        .visitEnd();

    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    line(init, 3);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitLdcInsn("C" + index);
    init.visitFieldInsn(Opcodes.PUTFIELD, name, "label", "Ljava/lang/String;");
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    compute(cw, name, neighbour, variant);
    helper(cw);
    describe(cw, name);
    for (int m = 0; m < 4; m++) {
      accessor(cw, name, "count" + m, m);
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** {@code int compute(int n)}: a loop that adds {@code neighbour.helper(i)} and a constant. */
  private static void compute(ClassWriter cw, String name, String neighbour, int variant) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "compute", "(I)I", null, null);
    mv.visitCode();
    Label start = new Label();
    Label loop = new Label();
    Label done = new Label();
    mv.visitLabel(start);
    line(mv, 10);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, 2);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, 3);
    mv.visitLabel(loop);
    line(mv, 11);
    mv.visitVarInsn(Opcodes.ILOAD, 3);
    mv.visitVarInsn(Opcodes.ILOAD, 1);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    line(mv, 12);
    mv.visitVarInsn(Opcodes.ILOAD, 2);
    mv.visitVarInsn(Opcodes.ILOAD, 3);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, neighbour, "helper", "(I)I", false);
    mv.visitIntInsn(Opcodes.BIPUSH, 7 + variant);
    mv.visitInsn(Opcodes.IADD);
    mv.visitInsn(Opcodes.IADD);
    mv.visitVarInsn(Opcodes.ISTORE, 2);
    mv.visitIincInsn(3, 1);
    mv.visitJumpInsn(Opcodes.GOTO, loop);
    mv.visitLabel(done);
    line(mv, 14);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitVarInsn(Opcodes.ILOAD, 2);
    mv.visitFieldInsn(Opcodes.PUTFIELD, name, "count", "I");
    mv.visitVarInsn(Opcodes.ILOAD, 2);
    mv.visitInsn(Opcodes.IRETURN);
    Label end = new Label();
    mv.visitLabel(end);
    mv.visitLocalVariable("this", "L" + name + ";", null, start, end, 0);
    mv.visitLocalVariable("n", "I", null, start, end, 1);
    mv.visitLocalVariable("sum", "I", null, start, end, 2);
    mv.visitLocalVariable("i", "I", null, start, end, 3);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void helper(ClassWriter cw) {
    MethodVisitor mv =
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "helper", "(I)I", null, null);
    mv.visitCode();
    line(mv, 20);
    mv.visitVarInsn(Opcodes.ILOAD, 0);
    mv.visitInsn(Opcodes.ICONST_3);
    mv.visitInsn(Opcodes.IMUL);
    mv.visitInsn(Opcodes.ICONST_1);
    mv.visitInsn(Opcodes.IADD);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void describe(ClassWriter cw, String name) {
    MethodVisitor mv =
        cw.visitMethod(Opcodes.ACC_PUBLIC, "toString", "()Ljava/lang/String;", null, null);
    mv.visitCode();
    line(mv, 30);
    mv.visitTypeInsn(Opcodes.NEW, "java/lang/StringBuilder");
    mv.visitInsn(Opcodes.DUP);
    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V", false);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitFieldInsn(Opcodes.GETFIELD, name, "label", "Ljava/lang/String;");
    mv.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL,
        "java/lang/StringBuilder",
        "append",
        "(Ljava/lang/String;)Ljava/lang/StringBuilder;",
        false);
    mv.visitLdcInsn(": ");
    mv.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL,
        "java/lang/StringBuilder",
        "append",
        "(Ljava/lang/String;)Ljava/lang/StringBuilder;",
        false);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitFieldInsn(Opcodes.GETFIELD, name, "count", "I");
    mv.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL,
        "java/lang/StringBuilder",
        "append",
        "(I)Ljava/lang/StringBuilder;",
        false);
    mv.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL,
        "java/lang/StringBuilder",
        "toString",
        "()Ljava/lang/String;",
        false);
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void accessor(ClassWriter cw, String name, String method, int offset) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, method, "()J", null, null);
    mv.visitCode();
    line(mv, 40 + offset);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitFieldInsn(Opcodes.GETFIELD, name, "total", "J");
    mv.visitLdcInsn((long) offset + 1000);
    mv.visitInsn(Opcodes.LADD);
    mv.visitInsn(Opcodes.LRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void line(MethodVisitor mv, int line) {
    Label here = new Label();
    mv.visitLabel(here);
    mv.visitLineNumber(line, here);
  }
}
