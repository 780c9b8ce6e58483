package dev.hotpatch.serve.plan;

import dev.hotpatch.diff.ModuleSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The new classes of a dry plan, which the warm-up plans so that the JIT compiles what a real patch
 * runs: one class gets a method more (a structural change, which reloads the modules above as
 * well), another a no-op instruction more in its first method (a body change), the others are
 * written again by ASM unchanged. Nothing of it is ever written to disk or sent.
 */
final class DryChanges {
  private static final String ADDED_METHOD = "hotpatch$dryPlan";

  private DryChanges() {}

  /**
   * Up to {@code count} classes of {@code classes}: the structural change first, on the first class
   * that is no interface (an interface cannot take the added method), then the body change and the
   * unchanged ones in name order.
   */
  static Map<String, byte[]> of(ModuleSnapshot classes, int count) {
    Map<String, byte[]> changed = new LinkedHashMap<>();
    for (String name : classes.classNames()) {
      byte[] bytes = classes.bytes(name).orElse(null);
      if (count > 0 && bytes != null && !isInterface(bytes)) {
        changed.put(name, rewrite(bytes, DryChanges::methodAdded));
        break;
      }
    }
    boolean bodyChanged = false;
    for (String name : classes.classNames()) {
      if (changed.size() >= count) {
        break;
      }
      byte[] bytes = classes.bytes(name).orElse(null);
      if (bytes != null && !changed.containsKey(name)) {
        changed.put(name, rewrite(bytes, bodyChanged ? writer -> writer : DryChanges::nopAdded));
        bodyChanged = true;
      }
    }
    return changed;
  }

  private static boolean isInterface(byte[] bytes) {
    return (new ClassReader(bytes).getAccess() & Opcodes.ACC_INTERFACE) != 0;
  }

  private static byte[] rewrite(byte[] bytes, Function<ClassWriter, ClassVisitor> change) {
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(bytes).accept(change.apply(writer), 0);
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
