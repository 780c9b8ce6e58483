package dev.hotpatch.diff.internal.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What the code of a class makes the JVM load: the owners, type operands, class constants and catch
 * types of its instructions, by method.
 */
public final class CodeUses {
  private CodeUses() {}

  /** The classes each method's code names (internal names), by method as the message shows it. */
  public static Map<String, Set<String>> of(byte[] bytes) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String descriptor, String signature, String[] ex) {
                Set<String> used =
                    out.computeIfAbsent(display(name, descriptor), k -> new TreeSet<>());
                return new Collector(used);
              }
            },
            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    out.values().removeIf(Set::isEmpty);
    return out;
  }

  /** {@code method total(int)}, or {@code static initializer}. */
  private static String display(String name, String descriptor) {
    if (name.equals("<clinit>")) {
      return "static initializer";
    }
    StringBuilder text = new StringBuilder("method ").append(name).append('(');
    Type[] arguments = Type.getArgumentTypes(descriptor);
    for (int i = 0; i < arguments.length; i++) {
      String type = arguments[i].getClassName();
      text.append(i == 0 ? "" : ", ").append(type.substring(type.lastIndexOf('.') + 1));
    }
    return text.append(')').toString();
  }

  /** What instructions make the JVM load: owners, type operands, class constants, catch types. */
  private static final class Collector extends MethodVisitor {
    private final Set<String> used;

    Collector(Set<String> used) {
      super(Opcodes.ASM9);
      this.used = used;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      type(Type.getObjectType(type));
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      type(Type.getObjectType(owner));
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      type(Type.getObjectType(owner));
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dims) {
      type(Type.getType(descriptor));
    }

    @Override
    public void visitLdcInsn(Object value) {
      constant(value);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrap, Object... arguments) {
      for (Object argument : arguments) {
        constant(argument);
      }
    }

    @Override
    public void visitTryCatchBlock(
        org.objectweb.asm.Label start,
        org.objectweb.asm.Label end,
        org.objectweb.asm.Label handler,
        String type) {
      if (type != null) {
        type(Type.getObjectType(type));
      }
    }

    private void constant(Object value) {
      if (value instanceof Type type && type.getSort() != Type.METHOD) {
        type(type);
      } else if (value instanceof Handle handle) {
        type(Type.getObjectType(handle.getOwner()));
      }
    }

    private void type(Type type) {
      Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
      if (element.getSort() == Type.OBJECT) {
        used.add(element.getInternalName());
      }
    }
  }
}
