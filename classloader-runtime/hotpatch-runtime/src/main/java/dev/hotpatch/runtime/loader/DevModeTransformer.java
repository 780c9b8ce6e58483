package dev.hotpatch.runtime.loader;

import dev.hotpatch.internal.HotCallSites;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a module's classes as they are defined, for patching (dev mode only):
 *
 * <ul>
 *   <li>static final fields of classes lose {@code final}, so that a patch can set the value the
 *       previous version held. Compile-time constants keep it: javac inlines them into every use,
 *       so their value is whatever the source says and is never carried.
 *   <li>the static initializer moves into a private method {@value #ORIGINAL_INITIALIZER}, and a
 *       new one asks the loader's {@link #INIT_HOOKS init hooks} first whether to run it at all (a
 *       patch skips it when every static is carried over) and reports afterwards, when a patch puts
 *       the carried values in. The report also tells the loader which classes the application
 *       initialized: a patch carries statics only from those.
 *   <li>every {@code invokestatic Hot.call} becomes an {@code invokedynamic} bootstrapped by {@link
 *       HotCallSites}, so that each call site links straight to the newest code and is re-linked by
 *       a patch, instead of looking the code up on every call.
 * </ul>
 *
 * <p>Interfaces keep their initializers and fields: their fields are final by the JVM's rules.
 */
public final class DevModeTransformer {
  /** Internal name of the hooks class that every module loader defines for its own classes. */
  static final String INIT_HOOKS = "dev/hotpatch/generated/ClassInitHooks";

  /** Binary name of {@link #INIT_HOOKS}. */
  static final String INIT_HOOKS_CLASS = INIT_HOOKS.replace('/', '.');

  static final String ENTER_FIELD = "enter";
  static final String EXIT_FIELD = "exit";

  /** Where the class's own static initializer goes. */
  public static final String ORIGINAL_INITIALIZER = "$hotpatch$clinit";

  private static final String HOT = "dev/hotpatch/Hot";
  private static final String RUNNABLE_CALL = "(Ldev/hotpatch/HotRunnable;)V";
  private static final String SUPPLIER_CALL = "(Ldev/hotpatch/HotSupplier;)Ljava/lang/Object;";
  private static final Handle BOOTSTRAP =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          HotCallSites.OWNER,
          HotCallSites.BOOTSTRAP,
          HotCallSites.BOOTSTRAP_DESCRIPTOR,
          false);
  private static final String PREDICATE = "java/util/function/Predicate";
  private static final String CONSUMER = "java/util/function/Consumer";

  /**
   * A rewritten class file.
   *
   * @param hotCallSites every rewritten {@code Hot.call}, as {@link #siteKey}
   */
  public record Transformed(byte[] bytes, Set<String> hotCallSites) {}

  private DevModeTransformer() {}

  /** How a {@code Hot.call} instruction is named: method, descriptor and bytecode index. */
  static String siteKey(String method, String descriptor, int bci) {
    return method + descriptor + "@" + bci;
  }

  /**
   * Returns the class file {@code original}, rewritten.
   *
   * @throws IllegalArgumentException if {@code original} is not a class file ASM can read
   */
  public static Transformed transform(byte[] original) {
    ClassReader reader = new ClassReader(original);
    // Passing the reader lets ASM copy untouched methods byte for byte; the code added needs no
    // frames computed, so nothing has to be loaded to compute them.
    ClassWriter writer = new ClassWriter(reader, 0);
    DevModeVisitor visitor = new DevModeVisitor(writer, mentionsHot(original));
    reader.accept(visitor, 0);
    byte[] bytes = writer.toByteArray();
    Set<String> sites = new HashSet<>();
    for (Site site : visitor.sites) {
      sites.add(siteKey(site.method(), site.descriptor(), site.label().getOffset()));
    }
    return new Transformed(bytes, Set.copyOf(sites));
  }

  /**
   * Whether the class file names the {@code Hot} class at all. Constant pool strings are stored as
   * (modified) UTF-8, in which ASCII text is plain bytes, so a byte search is exact enough; a false
   * hit only costs copying the methods instead of sharing them.
   */
  private static boolean mentionsHot(byte[] classFile) {
    return new String(classFile, StandardCharsets.ISO_8859_1).contains(HOT);
  }

  /**
   * The hooks class: a public static {@code Predicate<Class<?>>} asked at the start of every static
   * initializer, and a {@code Consumer<Class<?>>} told at its end, that the loader fills in before
   * it defines any class of its module.
   */
  static byte[] initHooksClass() {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(
        Opcodes.V11,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
        INIT_HOOKS,
        null,
        "java/lang/Object",
        null);
    writer
        .visitField(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE,
            ENTER_FIELD,
            "L" + PREDICATE + ";",
            "L" + PREDICATE + "<Ljava/lang/Class<*>;>;",
            null)
        .visitEnd();
    writer
        .visitField(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE,
            EXIT_FIELD,
            "L" + CONSUMER + ";",
            "L" + CONSUMER + "<Ljava/lang/Class<*>;>;",
            null)
        .visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** A rewritten {@code Hot.call}: its method, and the label placed right before it. */
  private record Site(String method, String descriptor, Label label) {}

  private static final class DevModeVisitor extends ClassVisitor {
    private final boolean rewriteCalls;
    private final List<Site> sites = new ArrayList<>();
    private String owner;
    private boolean tracked;
    private boolean framesNeeded;
    private boolean indyAllowed;
    private boolean hasStaticState;
    private boolean hasInitializer;

    DevModeVisitor(ClassVisitor next, boolean rewriteCalls) {
      super(Opcodes.ASM9, next);
      this.rewriteCalls = rewriteCalls;
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
      int major = version & 0xFFFF;
      // ldc of a class constant, which the hooks need, exists from class file version 49 on.
      tracked =
          (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_MODULE)) == 0 && major >= Opcodes.V1_5;
      framesNeeded = major >= Opcodes.V1_6;
      indyAllowed = major >= Opcodes.V1_7;
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
      String methodName = name;
      int methodAccess = access;
      if (tracked && "<clinit>".equals(name)) {
        hasInitializer = true;
        methodName = ORIGINAL_INITIALIZER;
        methodAccess = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
      }
      MethodVisitor next =
          super.visitMethod(methodAccess, methodName, descriptor, signature, exceptions);
      if (next == null || !rewriteCalls || !indyAllowed) {
        return next;
      }
      return new CallRewriter(next, methodName, descriptor);
    }

    @Override
    public void visitEnd() {
      // A class with static fields but no initializer still gets one: its fields can hold state
      // (a counter starting at 0) that a patch must carry.
      if (tracked && (hasInitializer || hasStaticState)) {
        writeInitializer();
      }
      super.visitEnd();
    }

    /**
     * {@code if (!enter.test(Owner.class)) $hotpatch$clinit(); exit.accept(Owner.class);} — a
     * method of its own, so the one stack map frame it needs is the only frame in it.
     */
    private void writeInitializer() {
      MethodVisitor method = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
      method.visitCode();
      method.visitFieldInsn(Opcodes.GETSTATIC, INIT_HOOKS, ENTER_FIELD, "L" + PREDICATE + ";");
      method.visitLdcInsn(Type.getObjectType(owner));
      method.visitMethodInsn(
          Opcodes.INVOKEINTERFACE, PREDICATE, "test", "(Ljava/lang/Object;)Z", true);
      Label done = new Label();
      method.visitJumpInsn(Opcodes.IFNE, done);
      if (hasInitializer) {
        method.visitMethodInsn(Opcodes.INVOKESTATIC, owner, ORIGINAL_INITIALIZER, "()V", false);
      }
      method.visitLabel(done);
      if (framesNeeded) {
        method.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
      }
      method.visitFieldInsn(Opcodes.GETSTATIC, INIT_HOOKS, EXIT_FIELD, "L" + CONSUMER + ";");
      method.visitLdcInsn(Type.getObjectType(owner));
      method.visitMethodInsn(
          Opcodes.INVOKEINTERFACE, CONSUMER, "accept", "(Ljava/lang/Object;)V", true);
      method.visitInsn(Opcodes.RETURN);
      method.visitMaxs(2, 0);
      method.visitEnd();
    }

    /** Turns {@code Hot.call} into {@code invokedynamic}, noting where each one lands. */
    private final class CallRewriter extends MethodVisitor {
      private final String method;
      private final String descriptor;

      CallRewriter(MethodVisitor next, String method, String descriptor) {
        super(Opcodes.ASM9, next);
        this.method = method;
        this.descriptor = descriptor;
      }

      @Override
      public void visitMethodInsn(
          int opcode, String owner, String name, String callDescriptor, boolean isInterface) {
        boolean hotCall =
            opcode == Opcodes.INVOKESTATIC
                && owner.equals(HOT)
                && name.equals("call")
                && (callDescriptor.equals(RUNNABLE_CALL) || callDescriptor.equals(SUPPLIER_CALL));
        if (!hotCall) {
          super.visitMethodInsn(opcode, owner, name, callDescriptor, isInterface);
          return;
        }
        // The label resolves to the bytecode index of the invokedynamic: the index a stack walk
        // reports for a frame that is inside this call. (Only in a method over 32 KB, where ASM
        // must widen jumps and write the method again, could the index be off; unwinding then
        // stops one Hot.call early, and the outermost one still takes it.)
        Label at = new Label();
        super.visitLabel(at);
        sites.add(new Site(method, descriptor, at));
        super.visitInvokeDynamicInsn("call", callDescriptor, BOOTSTRAP);
      }
    }
  }
}
