package dev.hotpatch.runtime.launch;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Runs once, beside the application, what the first patch runs, so that it is loaded and compiled
 * before the user's first save: a class is defined and redefined in place (the JVM's redefinition
 * machinery), and a {@link Rehearsal} patches a throwaway module with a new loader. Only speed is
 * at stake: nothing it does is visible.
 */
final class WarmUp {
  private static final String PROBE = "dev/hotpatch/runtime/launch/WarmUpProbe";

  private WarmUp() {}

  static void run(Instrumentation instrumentation) {
    redefineProbe(instrumentation);
    try {
      Rehearsal.run(Path.of(System.getProperty("java.io.tmpdir")));
    } catch (Exception | LinkageError e) {
      // The first patch with a new loader does it instead.
    }
  }

  private static void redefineProbe(Instrumentation instrumentation) {
    if (instrumentation == null || !instrumentation.isRedefineClassesSupported()) {
      return;
    }
    try {
      ProbeLoader probes = new ProbeLoader(WarmUp.class.getClassLoader());
      Class<?> probe = probes.define(probe(1));
      for (int version = 2; version <= 3; version++) {
        instrumentation.redefineClasses(new ClassDefinition(probe, probe(version)));
      }
    } catch (Exception | LinkageError e) {
      // The first in-place patch does it instead.
    }
  }

  /** A class whose one method returns {@code value}: versions differ in a method body only. */
  private static byte[] probe(int value) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(
        Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, PROBE, null, "java/lang/Object", null);
    MethodVisitor method =
        writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "value", "()I", null, null);
    method.visitCode();
    method.visitLdcInsn(value);
    method.visitInsn(Opcodes.IRETURN);
    method.visitMaxs(0, 0);
    method.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** A throwaway loader for the probe, collected with it. */
  private static final class ProbeLoader extends ClassLoader {
    ProbeLoader(ClassLoader parent) {
      super("hotpatch-warm-up", parent);
    }

    Class<?> define(byte[] bytes) {
      return defineClass(PROBE.replace('/', '.'), bytes, 0, bytes.length);
    }
  }
}
