package dev.hotpatch.serve.facade;

import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.SnapshotReadException;
import dev.hotpatch.diff.StableLayer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Finds code of the stable layer (default methods, static initializers, methods of {@code HotValue}
 * types) that uses a reloadable workspace class: at run time it fails with {@code
 * NoClassDefFoundError}, so the build says so first. The stable layer is module-diff's {@link
 * StableLayer}, the one the runtime loads.
 */
final class StableCodeCheck {
  /**
   * Snapshots of the folders of the last check. A class folder is never rewritten once built (a new
   * build is a new folder), so only the folders of the patch's modules are read again.
   */
  private Map<Path, ModuleSnapshot> byFolder = Map.of();

  List<StableCodeViolation> check(Map<String, Path> modules) {
    Map<Path, ModuleSnapshot> read = new HashMap<>();
    Map<String, ModuleSnapshot> snapshots = new LinkedHashMap<>();
    Map<String, String> moduleOf = new HashMap<>();
    modules.forEach(
        (module, folder) -> {
          ModuleSnapshot snapshot = byFolder.get(folder);
          if (snapshot == null) {
            snapshot = read(folder);
          }
          read.put(folder, snapshot);
          snapshots.put(module, snapshot);
          snapshot.classNames().forEach(c -> moduleOf.putIfAbsent(c, module));
        });
    byFolder = read;
    StableLayer layer = StableLayer.of(snapshots);
    List<StableCodeViolation> violations = new ArrayList<>();
    layer
        .classesByModule()
        .forEach(
            (module, names) -> {
              for (String name : names) {
                byte[] bytes = snapshots.get(module).bytes(name).orElse(null);
                if (bytes == null) {
                  continue; // module-diff reports unreadable classes on its own.
                }
                codeUses(bytes)
                    .forEach(
                        (method, used) -> {
                          for (String type : used) {
                            String owner = moduleOf.get(type);
                            if (owner != null && !layer.contains(owner, type)) {
                              violations.add(
                                  new StableCodeViolation(
                                      binary(name),
                                      layer.reason(name).orElseThrow(),
                                      method,
                                      binary(type),
                                      owner));
                            }
                          }
                        });
              }
            });
    violations.sort(
        Comparator.comparing(StableCodeViolation::stableClass)
            .thenComparing(StableCodeViolation::method)
            .thenComparing(StableCodeViolation::used));
    return violations;
  }

  private static ModuleSnapshot read(Path folder) {
    if (!Files.isDirectory(folder)) {
      return ModuleSnapshot.of(Map.of());
    }
    try {
      return ModuleSnapshot.ofDirectory(folder);
    } catch (SnapshotReadException e) {
      throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
    }
  }

  /** The classes each method's code names (internal names), by method as the message shows it. */
  private static Map<String, Set<String>> codeUses(byte[] bytes) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String descriptor, String signature, String[] ex) {
                Set<String> used =
                    out.computeIfAbsent(display(name, descriptor), k -> new TreeSet<>());
                return new CodeUses(used);
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

  private static String binary(String internalName) {
    return internalName.replace('/', '.');
  }

  /** What instructions make the JVM load: owners, type operands, class constants, catch types. */
  private static final class CodeUses extends MethodVisitor {
    private final Set<String> used;

    CodeUses(Set<String> used) {
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
