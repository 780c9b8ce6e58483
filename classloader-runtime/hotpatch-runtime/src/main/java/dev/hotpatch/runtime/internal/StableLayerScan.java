package dev.hotpatch.runtime.internal;

import dev.hotpatch.runtime.ModuleVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Finds the stable layer of an application by reading its modules' class files, without loading a
 * class: every {@code @HotFacade} interface and {@code @HotValue} type, and every workspace class
 * their declarations (supertypes, fields, record components, method signatures, throws clauses)
 * name, transitively, since the stable loader must be able to link them on its own.
 *
 * <p>{@code @HotValue} types count even when no facade names them: a facade of another module may,
 * and module-diff, which sees one module at a time, makes the same choice.
 */
final class StableLayerScan {
  static final String HOT_FACADE = "Ldev/hotpatch/HotFacade;";
  static final String HOT_VALUE = "Ldev/hotpatch/HotValue;";

  /** One workspace class: where its file is, whether it is a root, what its declarations name. */
  private record ClassInfo(Path file, boolean root, Set<String> named) {}

  private StableLayerScan() {}

  /**
   * The class files of the stable layer, by binary name. When two modules hold a class of the same
   * name, the first module in {@code modules} wins, as it would for the module loaders.
   *
   * @throws UncheckedIOException if a class file cannot be read
   */
  static Map<String, Path> scan(List<ModuleVersion> modules) {
    Map<String, ClassInfo> classes = new LinkedHashMap<>();
    for (ModuleVersion module : modules) {
      ClassFolderIndex index = ClassFolderIndex.of(module.classes());
      for (String name : index.classNames()) {
        if (!classes.containsKey(name)) {
          Path file = index.classFile(name).path();
          classes.put(name, read(file));
        }
      }
    }
    Map<String, Path> stable = new LinkedHashMap<>();
    Deque<String> work = new ArrayDeque<>();
    classes.forEach(
        (name, info) -> {
          if (info.root()) {
            work.add(name);
          }
        });
    while (!work.isEmpty()) {
      String name = work.pop();
      ClassInfo info = classes.get(name);
      if (info == null || stable.containsKey(name)) {
        continue; // Not a workspace class (JDK, third party), or seen already.
      }
      stable.put(name, info.file());
      work.addAll(info.named());
    }
    return stable;
  }

  private static ClassInfo read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " to find the stable layer", e);
    }
    Declarations declarations = new Declarations();
    new ClassReader(bytes)
        .accept(
            declarations, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new ClassInfo(file, declarations.root, Set.copyOf(declarations.named));
  }

  /** Collects what one class's declarations name, as binary names. */
  private static final class Declarations extends ClassVisitor {
    private final Set<String> named = new HashSet<>();
    private boolean isInterface;
    private boolean root;

    Declarations() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] ifs) {
      isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
      internal(superName);
      for (String type : ifs == null ? new String[0] : ifs) {
        internal(type);
      }
      signature(signature);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      root |= (isInterface && descriptor.equals(HOT_FACADE)) || descriptor.equals(HOT_VALUE);
      return null;
    }

    @Override
    public RecordComponentVisitor visitRecordComponent(
        String name, String descriptor, String signature) {
      type(Type.getType(descriptor));
      signature(signature);
      return null;
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      type(Type.getType(descriptor));
      signature(signature);
      return null;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      type(Type.getMethodType(descriptor));
      signature(signature);
      for (String type : exceptions == null ? new String[0] : exceptions) {
        internal(type);
      }
      return null;
    }

    private void type(Type type) {
      switch (type.getSort()) {
        case Type.METHOD -> {
          for (Type argument : type.getArgumentTypes()) {
            type(argument);
          }
          type(type.getReturnType());
        }
        case Type.ARRAY -> type(type.getElementType());
        case Type.OBJECT -> internal(type.getInternalName());
        default -> {}
      }
    }

    private void signature(String signature) {
      if (signature == null) {
        return;
      }
      new SignatureReader(signature)
          .accept(
              new SignatureVisitor(Opcodes.ASM9) {
                private String outer;

                @Override
                public void visitClassType(String name) {
                  outer = name;
                  internal(name);
                }

                @Override
                public void visitInnerClassType(String name) {
                  outer = outer + "$" + name;
                  internal(outer);
                }
              });
    }

    private void internal(String internalName) {
      if (internalName != null) {
        named.add(internalName.replace('/', '.'));
      }
    }
  }
}
