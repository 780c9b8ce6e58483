package dev.hotpatch.serve.facade;

import dev.hotpatch.serve.compile.ClassFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Checks that {@code @HotFacade} signatures name only types that never reload: JDK and third-party
 * types, other facades, and {@code @HotValue} types; and that code of the stable layer uses no
 * class that reloads. Reads class files only.
 */
public final class FacadeValidator {
  private static final String FACADE = "Ldev/hotpatch/HotFacade;";
  private static final String VALUE = "Ldev/hotpatch/HotValue;";

  /** What the validator learns of one workspace class. */
  private record ClassFacts(
      String module, boolean facade, boolean value, List<MethodTypes> methods) {}

  private record MethodTypes(String name, String descriptor, Set<String> types) {}

  /**
   * The facts of the folders of the last validation. A class folder is never rewritten once built
   * (a new build is a new folder), so only the folders of the patch's modules are read again.
   */
  private Map<Path, Map<String, ClassFacts>> factsByFolder = Map.of();

  private final StableCodeCheck stableCode = new StableCodeCheck();

  /**
   * Code of the stable layer (default methods, static initializers, methods of {@code @HotValue}
   * types, of every class the runtime loads once) that uses a reloadable workspace class.
   *
   * @param modules each module's name and class folder, in dependency order
   * @return the violations, empty when stable code uses only stable, JDK and third-party classes
   */
  public List<StableCodeViolation> validateStableCode(Map<String, Path> modules) {
    return stableCode.check(modules);
  }

  /**
   * Validates every facade declared in {@code modules}.
   *
   * @param modules each module's name and class folder
   * @return the violations, empty when every facade is sound
   */
  public List<FacadeViolation> validate(Map<String, Path> modules) {
    Map<Path, Map<String, ClassFacts>> read = new HashMap<>();
    Map<String, ClassFacts> classes = new HashMap<>();
    modules.forEach(
        (module, folder) -> {
          Map<String, ClassFacts> facts = factsByFolder.get(folder);
          if (facts == null) {
            facts = read(module, folder);
          }
          read.put(folder, facts);
          classes.putAll(facts);
        });
    factsByFolder = read;
    List<FacadeViolation> violations = new ArrayList<>();
    classes.forEach(
        (name, facts) -> {
          if (!facts.facade()) {
            return;
          }
          for (MethodTypes method : facts.methods()) {
            for (String type : method.types()) {
              ClassFacts named = classes.get(type);
              if (named != null && !named.facade() && !named.value()) {
                violations.add(
                    new FacadeViolation(
                        binary(name), describe(method), binary(type), named.module()));
              }
            }
          }
        });
    violations.sort(
        java.util.Comparator.comparing(FacadeViolation::facade)
            .thenComparing(FacadeViolation::method)
            .thenComparing(FacadeViolation::type));
    return violations;
  }

  private static Map<String, ClassFacts> read(String module, Path folder) {
    Map<String, ClassFacts> classes = new HashMap<>();
    if (!Files.isDirectory(folder)) {
      return classes;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          ClassReader reader = new ClassReader(in);
          classes.put(reader.getClassName(), facts(module, reader));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the classes of module " + module, e);
    }
    return classes;
  }

  private static ClassFacts facts(String module, ClassReader reader) {
    boolean[] marks = new boolean[2];
    List<MethodTypes> methods = new ArrayList<>();
    boolean isInterface = (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0;
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            marks[0] |= descriptor.equals(FACADE) && isInterface;
            marks[1] |= descriptor.equals(VALUE);
            return null;
          }

          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            if ((access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_PRIVATE)) != 0
                || name.equals("<clinit>")) {
              return null;
            }
            Set<String> types = new LinkedHashSet<>();
            collect(descriptor, signature, types);
            if (exceptions != null) {
              types.addAll(List.of(exceptions));
            }
            methods.add(new MethodTypes(name, descriptor, types));
            return null;
          }
        },
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new ClassFacts(module, marks[0], marks[1], methods);
  }

  /** Every class a method's descriptor and generic signature name, type arguments included. */
  private static void collect(String descriptor, String signature, Set<String> types) {
    Type method = Type.getMethodType(descriptor);
    for (Type type : method.getArgumentTypes()) {
      addClass(type, types);
    }
    addClass(method.getReturnType(), types);
    if (signature != null) {
      new SignatureReader(signature)
          .accept(
              new SignatureVisitor(Opcodes.ASM9) {
                @Override
                public void visitClassType(String name) {
                  types.add(name);
                }
              });
    }
  }

  private static void addClass(Type type, Set<String> types) {
    Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
    if (element.getSort() == Type.OBJECT) {
      types.add(element.getInternalName());
    }
  }

  private static String describe(MethodTypes method) {
    StringBuilder text = new StringBuilder(method.name()).append('(');
    Type[] arguments = Type.getArgumentTypes(method.descriptor());
    for (int i = 0; i < arguments.length; i++) {
      text.append(i == 0 ? "" : ", ").append(simpleName(arguments[i].getClassName()));
    }
    return text.append(')').toString();
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private static String binary(String internalName) {
    return internalName.replace('/', '.');
  }
}
