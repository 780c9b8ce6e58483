package dev.hotpatch.runtime.launch;

import dev.hotpatch.HotBridges;
import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.PatchResult;
import dev.hotpatch.runtime.channel.MessageRehearsal;
import dev.hotpatch.runtime.patch.HotRuntime;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A patch of a throwaway module, applied the way serve's patches are, so that the first real patch
 * with a new loader finds its code loaded and compiled: the message is read, the module's new layer
 * gets a loader, its classes are rewritten, defined and verified, a static field is carried over
 * and the object it holds re-instanced into the new version of its class, and the result message is
 * written. Nothing of the application takes part: the module has its own runtime, which no
 * application thread runs.
 */
final class Rehearsal {
  static final String MODULE = "hotpatch-rehearsal";
  static final String FOLDER_PREFIX = "hotpatch-rehearsal-";
  private static final String STATE = "dev/hotpatch/rehearsal/State";
  private static final String COUNTER = "dev/hotpatch/rehearsal/Counter";
  private static final String OBJECT = Type.getInternalName(Object.class);

  private Rehearsal() {}

  /**
   * Applies the throwaway patch, in a folder of {@code temp} deleted before it returns. The folder
   * is named after this JVM's process, so that a later rehearsal deletes it when the JVM ended
   * first: an application stopped during its start leaves nothing behind for long.
   */
  static void run(Path temp) throws IOException {
    deleteAbandoned(temp);
    Path root =
        Files.createTempDirectory(temp, FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
    try {
      rehearse(root);
    } finally {
      delete(root);
    }
  }

  /** The folders in {@code temp} of rehearsals whose JVM is gone. */
  private static void deleteAbandoned(Path temp) throws IOException {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(temp, FOLDER_PREFIX + "*")) {
      for (Path folder : folders) {
        // hotpatch-rehearsal-<pid>-<random>
        String[] parts = folder.getFileName().toString().split("-");
        if (parts.length == 4
            && parts[2].matches("[0-9]{1,18}")
            && ProcessHandle.of(Long.parseLong(parts[2])).isEmpty()) {
          try {
            delete(folder);
          } catch (IOException e) {
            // Another user's, or another JVM deletes it now: not ours to insist on.
          }
        }
      }
    }
  }

  /**
   * Writes the throwaway module's two versions under {@code root}, starts it and patches it.
   *
   * @return the throwaway runtime, patched
   * @throws IllegalStateException if the patch fails, which would be a bug
   */
  static HotRuntime rehearse(Path root) throws IOException {
    Path start = Files.createDirectories(root.resolve("v0"));
    write(start, STATE, state());
    write(start, COUNTER, counter(false));
    Path layer = Files.createDirectories(root.resolve("v1"));
    write(layer, COUNTER, counter(true));

    HotRuntime runtime =
        HotRuntime.rehearsal(
            HotBridges.class.getClassLoader(),
            List.of(new ModuleVersion(MODULE, 0, List.of(start), List.of())));
    try {
      // A patch carries statics only from the classes the application initialized.
      Class.forName(STATE.replace('/', '.'), true, runtime.loader(MODULE));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("The rehearsal's module does not load: " + e, e);
    }
    ModuleVersion next = new ModuleVersion(MODULE, 1, List.of(layer, start), List.of());
    List<ModulePatch> patch = MessageRehearsal.readBack(1, List.of(ModulePatch.newLoader(next)));
    PatchResult result = runtime.apply(1, patch);
    MessageRehearsal.writeResult(result);
    if (!result.ok()) {
      throw new IllegalStateException("The rehearsal's patch failed: " + result.error());
    }
    return runtime;
  }

  /**
   * {@code class State { static Counter counter = new Counter(); static { counter.count = 7; } }}
   */
  private static byte[] state() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, STATE, null, OBJECT, null);
    writer.visitField(Opcodes.ACC_STATIC, "counter", "L" + COUNTER + ";", null, null).visitEnd();
    constructor(writer);
    MethodVisitor init = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    init.visitCode();
    init.visitTypeInsn(Opcodes.NEW, COUNTER);
    init.visitInsn(Opcodes.DUP);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, COUNTER, "<init>", "()V", false);
    init.visitInsn(Opcodes.DUP);
    init.visitIntInsn(Opcodes.BIPUSH, 7);
    init.visitFieldInsn(Opcodes.PUTFIELD, COUNTER, "count", "I");
    init.visitFieldInsn(Opcodes.PUTSTATIC, STATE, "counter", "L" + COUNTER + ";");
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** {@code class Counter { int count; }}, with a second field {@code long total} if asked. */
  private static byte[] counter(boolean withTotal) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, COUNTER, null, OBJECT, null);
    writer.visitField(0, "count", "I", null, null).visitEnd();
    if (withTotal) {
      writer.visitField(0, "total", "J", null, null).visitEnd();
    }
    constructor(writer);
    writer.visitEnd();
    return writer.toByteArray();
  }

  private static void constructor(ClassWriter writer) {
    MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, OBJECT, "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
  }

  private static void write(Path folder, String internalName, byte[] bytes) throws IOException {
    Path file = folder.resolve(internalName + ".class");
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
