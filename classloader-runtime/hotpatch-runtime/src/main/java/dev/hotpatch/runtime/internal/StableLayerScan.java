package dev.hotpatch.runtime.internal;

import dev.hotpatch.runtime.ModuleVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
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
import org.objectweb.asm.TypePath;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Finds the stable layer of an application by reading its modules' class files, without loading a
 * class: every {@code @HotFacade} interface and {@code @HotValue} type, and every workspace class
 * their declarations (supertypes, fields, record components, method signatures, throws clauses, the
 * annotations on all of these) name, transitively, since the stable loader must be able to link
 * them on its own. Annotation types count as module-diff's {@code ModuleFacts} counts them: else
 * reflection on a stable class would silently miss the annotations of a reloadable type.
 *
 * <p>{@code @HotValue} types count even when no facade names them: a facade of another module may,
 * and module-diff, which sees one module at a time, makes the same choice.
 */
final class StableLayerScan {
  static final String HOT_FACADE = "Ldev/hotpatch/HotFacade;";
  static final String HOT_VALUE = "Ldev/hotpatch/HotValue;";

  /** One workspace class: where its file is, whether it is a root, what its declarations name. */
  private record ClassInfo(String module, Path file, boolean root, Set<String> named) {}

  /**
   * @param classes the class files of the stable layer, by binary name
   * @param reloadable the other workspace classes, by binary name, to their module's name
   */
  record Layer(Map<String, Path> classes, Map<String, String> reloadable) {}

  private StableLayerScan() {}

  /**
   * The stable layer and the workspace classes outside it. When two modules hold a class of the
   * same name, the first module in {@code modules} wins, as it would for the module loaders.
   *
   * @throws UncheckedIOException if a class file cannot be read
   */
  static Layer scan(List<ModuleVersion> modules) {
    Map<String, ClassInfo> classes = new LinkedHashMap<>();
    for (ModuleVersion module : modules) {
      ClassFolderIndex index = ClassFolderIndex.of(module.classes());
      for (String name : index.classNames()) {
        if (!classes.containsKey(name)) {
          Path file = index.classFile(name).path();
          classes.put(name, read(module.name(), file));
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
    Map<String, String> reloadable = new HashMap<>();
    classes.forEach(
        (name, info) -> {
          if (!stable.containsKey(name)) {
            reloadable.put(name, info.module());
          }
        });
    return new Layer(stable, reloadable);
  }

  private static ClassInfo read(String module, Path file) {
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
    return new ClassInfo(module, file, declarations.root, Set.copyOf(declarations.named));
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
      return annotation(descriptor);
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(
        int typeRef, TypePath typePath, String descriptor, boolean visible) {
      return annotation(descriptor);
    }

    @Override
    public RecordComponentVisitor visitRecordComponent(
        String name, String descriptor, String signature) {
      type(Type.getType(descriptor));
      signature(signature);
      return new RecordComponentVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
          return annotation(desc);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
            int typeRef, TypePath typePath, String desc, boolean visible) {
          return annotation(desc);
        }
      };
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      type(Type.getType(descriptor));
      signature(signature);
      return new FieldVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
          return annotation(desc);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
            int typeRef, TypePath typePath, String desc, boolean visible) {
          return annotation(desc);
        }
      };
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      type(Type.getMethodType(descriptor));
      signature(signature);
      for (String type : exceptions == null ? new String[0] : exceptions) {
        internal(type);
      }
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotationDefault() {
          return annotation(null);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
          return annotation(desc);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
            int typeRef, TypePath typePath, String desc, boolean visible) {
          return annotation(desc);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(
            int parameter, String desc, boolean visible) {
          return annotation(desc);
        }
      };
    }

    /**
     * An annotation's type and those of annotations nested in its values; as in module-diff, not
     * the enums and classes its values name.
     */
    private AnnotationVisitor annotation(String descriptor) {
      if (descriptor != null) {
        type(Type.getType(descriptor));
      }
      return new AnnotationVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String name, String desc) {
          return annotation(desc);
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
          return this;
        }
      };
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
