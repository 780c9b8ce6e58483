package dev.hotpatch.serve.plan;

import dev.hotpatch.diff.ModuleSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The new classes of a dry plan, which the warm-up plans so that the JIT compiles what a real patch
 * runs: the first class gets a method more (a structural change, which reloads the modules above as
 * well), the second a no-op instruction more in its first method (a body change), the others are
 * written again by ASM unchanged. Nothing of it is ever written to disk or sent.
 */
final class DryChanges {
  private static final String ADDED_METHOD = "hotpatch$dryPlan";

  private DryChanges() {}

  /** Up to {@code count} classes of {@code classes}, the structural change first. */
  static Map<String, byte[]> of(ModuleSnapshot classes, int count) {
    List<String> names = new ArrayList<>();
    for (String name : classes.classNames()) {
      if (names.size() == count) {
        break;
      }
      names.add(name);
    }
    Map<String, byte[]> changed = new LinkedHashMap<>();
    for (String name : names) {
      classes.bytes(name).ifPresent(bytes -> changed.put(name, rewrite(bytes, changed.size())));
    }
    return changed;
  }

  private static byte[] rewrite(byte[] bytes, int index) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(0);
    boolean isInterface = (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0;
    ClassVisitor visitor = writer;
    if (index == 0 && !isInterface) {
      visitor = methodAdded(writer);
    } else if (index == 1) {
      visitor = nopAdded(writer);
    }
    reader.accept(visitor, 0);
    return writer.toByteArray();
  }

  private static ClassVisitor methodAdded(ClassWriter writer) {
    return new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visitEnd() {
        MethodVisitor method =
            super.visitMethod(
                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, ADDED_METHOD, "()V", null, null);
        method.visitCode();
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
        super.visitEnd();
      }
    };
  }

  private static ClassVisitor nopAdded(ClassWriter writer) {
    return new ClassVisitor(Opcodes.ASM9, writer) {
      private boolean added;

      @Override
      public MethodVisitor visitMethod(
          int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new MethodVisitor(Opcodes.ASM9, method) {
          @Override
          public void visitCode() {
            super.visitCode();
            if (!added) {
              added = true;
              super.visitInsn(Opcodes.NOP);
            }
          }
        };
      }
    };
  }
}
