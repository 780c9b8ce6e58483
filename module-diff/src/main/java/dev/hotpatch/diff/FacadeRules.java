package dev.hotpatch.diff;

import dev.hotpatch.diff.internal.names.Names;
import dev.hotpatch.diff.internal.store.ClassReadException;
import dev.hotpatch.diff.internal.store.CodeUses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * The build-time rules of the stable layer: {@code @HotFacade} signatures name only types that
 * never reload (JDK and third-party types, other facades, {@code @HotValue} types), and code of the
 * stable layer uses no class that reloads. Both look at the classes of the {@link StableLayer}
 * only, each read once per class version.
 */
public final class FacadeRules {
  /** The non-private methods of a class with the classes their signatures name. */
  private static final Function<byte[], List<MethodTypes>> SIGNATURES = FacadeRules::methodTypes;

  /** The classes each method's code names. */
  private static final Function<byte[], Map<String, Set<String>>> CODE = CodeUses::of;

  private record MethodTypes(String name, String descriptor, Set<String> types) {}

  private FacadeRules() {}

  /**
   * Every {@code @HotFacade} method whose signature names a reloadable workspace class.
   *
   * @param modules a snapshot of every workspace module, by module name, in dependency order
   */
  public static List<FacadeViolation> signatures(Map<String, ModuleSnapshot> modules) {
    List<FacadeViolation> violations = new ArrayList<>();
    StableLayer layer = StableLayer.of(modules);
    layer
        .classesByModule()
        .forEach(
            (module, names) -> {
              for (String facade : names) {
                if (layer.root(facade).orElse(null) != StableLayer.Root.FACADE) {
                  continue;
                }
                for (MethodTypes method :
                    read(modules.get(module), SIGNATURES, facade, List.of())) {
                  for (String type : method.types()) {
                    String owner = ownerOf(type, modules);
                    if (owner != null && !isRoot(type, owner, modules)) {
                      violations.add(
                          new FacadeViolation(
                              Names.binary(facade), describe(method), Names.binary(type), owner));
                    }
                  }
                }
              }
            });
    violations.sort(
        Comparator.comparing(FacadeViolation::facade)
            .thenComparing(FacadeViolation::method)
            .thenComparing(FacadeViolation::type));
    return violations;
  }

  /**
   * Code of the stable layer (default methods, static initializers, methods of {@code @HotValue}
   * types, of every class the runtime loads once) that uses a reloadable workspace class: at run
   * time it fails with {@code NoClassDefFoundError}, so the build says so first.
   *
   * @param modules a snapshot of every workspace module, by module name, in dependency order
   */
  public static List<StableCodeViolation> stableCode(Map<String, ModuleSnapshot> modules) {
    StableLayer layer = StableLayer.of(modules);
    List<StableCodeViolation> violations = new ArrayList<>();
    layer
        .classesByModule()
        .forEach(
            (module, names) -> {
              for (String name : names) {
                read(modules.get(module), CODE, name, Map.<String, Set<String>>of())
                    .forEach(
                        (method, used) -> {
                          for (String type : used) {
                            String owner = ownerOf(type, modules);
                            if (owner != null && !layer.contains(owner, type)) {
                              violations.add(
                                  new StableCodeViolation(
                                      Names.binary(name),
                                      layer.reason(name).orElseThrow(),
                                      method,
                                      Names.binary(type),
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

  /** Module-diff reports unreadable classes on its own: the rules skip them. */
  private static <T> T read(
      ModuleSnapshot snapshot, Function<byte[], T> reader, String name, T unreadable) {
    try {
      return snapshot.store().memo(reader, name);
    } catch (ClassReadException e) {
      return unreadable;
    }
  }

  private static boolean isRoot(String type, String owner, Map<String, ModuleSnapshot> modules) {
    var facts = modules.get(owner).store().facts();
    return facts.facades().contains(type) || facts.values().contains(type);
  }

  /** The first module holding a class of this name, as the first module loader to find it. */
  private static String ownerOf(String className, Map<String, ModuleSnapshot> modules) {
    for (Map.Entry<String, ModuleSnapshot> e : modules.entrySet()) {
      if (e.getValue().contains(className)) {
        return e.getKey();
      }
    }
    return null;
  }

  private static List<MethodTypes> methodTypes(byte[] bytes) {
    List<MethodTypes> methods = new ArrayList<>();
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access,
                  String name,
                  String descriptor,
                  String signature,
                  String[] exceptions) {
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
    return List.copyOf(methods);
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
      String name = arguments[i].getClassName();
      text.append(i == 0 ? "" : ", ").append(name.substring(name.lastIndexOf('.') + 1));
    }
    return text.append(')').toString();
  }
}
