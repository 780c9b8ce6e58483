package dev.hotpatch.runtime.callsite;

import dev.hotpatch.HotRunnable;
import dev.hotpatch.HotSupplier;
import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import dev.hotpatch.runtime.loader.ModuleHistory;
import dev.hotpatch.runtime.loader.ModuleRegistry;
import dev.hotpatch.runtime.loader.Renames;
import dev.hotpatch.runtime.reinstance.ContainerCopy;
import dev.hotpatch.runtime.reinstance.Reinstancer;
import dev.hotpatch.runtime.reinstance.Reinstancing;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.invoke.WrongMethodTypeException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Type;

/**
 * What the runtime knows about one class of bodies passed to {@code Hot.call}: which module holds
 * the body's code, and a method handle that runs the newest version of that code.
 *
 * <p>A serializable lambda names its implementation method (class, name, descriptor) in the {@link
 * SerializedLambda} its {@code writeReplace} returns, and holds its captured values in fields
 * {@code arg$1 ... arg$n}. While the loader of the implementation class is current, the body runs
 * as it is. Once a patch superseded it, the method module-diff matched with it (same name unless
 * javac renumbered it) in the module's newest loader runs instead, with the captured values, each
 * re-instanced if its class was reloaded. A body that is no lambda of module code (a named class,
 * library or test code) always runs as it is.
 */
public final class LambdaShape {
  static final MethodType GENERIC = MethodType.methodType(Object.class, Object.class);

  private static final MethodHandle CONVERT;
  private static final MethodHandle CAPTURED;

  static {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      CONVERT =
          lookup.findStatic(
              LambdaShape.class,
              "convertCapture",
              MethodType.methodType(
                  Object.class, LambdaShape.class, Class.class, int.class, Object.class));
      CAPTURED =
          lookup.findStatic(
              LambdaShape.class,
              "captured",
              MethodType.methodType(Object.class, MethodHandle.class, int.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The shape of a class, found from its first instance: a lambda describes itself only then. */
  private static final class Holder {
    private volatile LambdaShape shape;
  }

  private static final ClassValue<Holder> HOLDERS =
      new ClassValue<>() {
        @Override
        protected Holder computeValue(Class<?> type) {
          return new Holder();
        }
      };

  /**
   * Where a lambda's code lives.
   *
   * @param owner the implementation class, internal name
   * @param captures one handle {@code (Object)T} per captured value, reading it from the lambda
   * @param captureTypes the declared types of the captured values
   */
  private record Implementation(
      ModuleClassLoader loader,
      String owner,
      String method,
      String descriptor,
      int kind,
      List<MethodHandle> captures,
      List<Class<?>> captureTypes) {
    String body() {
      return owner.replace('/', '.') + "." + method;
    }
  }

  /**
   * The code to run under one generation of the implementation's module.
   *
   * @param generation {@code null} for a body that always runs as it is
   * @param target {@code (Object)Object}: runs a body of this class
   */
  record Resolved(Generation generation, MethodHandle target) {}

  private final MethodHandle asIs;
  private final Implementation implementation;
  // Weak: in an old lambda class, a strong reference would keep the newest loader of its time
  // alive after later patches. Losing it costs one resolution.
  private volatile WeakReference<Resolved> last = new WeakReference<>(null);

  private LambdaShape(MethodHandle asIs, Implementation implementation) {
    this.asIs = asIs;
    this.implementation = implementation;
  }

  /** The shape of {@code body}'s class. */
  public static LambdaShape of(Object body) {
    Holder holder = HOLDERS.get(body.getClass());
    LambdaShape shape = holder.shape;
    if (shape == null) {
      shape = create(body);
      holder.shape = shape;
    }
    return shape;
  }

  private static LambdaShape create(Object body) {
    Class<?> type = body.getClass();
    MethodHandle asIs = asIs(type);
    if (!(type.getClassLoader() instanceof ModuleClassLoader)) {
      // Code outside the module loaders cannot name module classes, so its lambdas never change.
      return new LambdaShape(asIs, null);
    }
    Method writeReplace;
    SerializedLambda lambda;
    try {
      writeReplace = type.getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      lambda = writeReplace.invoke(body) instanceof SerializedLambda described ? described : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      lambda = null; // A named class implementing the interface: it has no other code to run.
      writeReplace = null;
    }
    if (lambda == null) {
      return new LambdaShape(asIs, null);
    }
    Class<?> owner;
    try {
      // Resolved as the lambda's own code resolves it: a method reference to a class of a
      // dependency finds that dependency's loader.
      owner = Class.forName(lambda.getImplClass().replace('/', '.'), false, type.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return new LambdaShape(asIs, null);
    }
    if (!(owner.getClassLoader() instanceof ModuleClassLoader loader)) {
      return new LambdaShape(asIs, null);
    }
    List<MethodHandle> captures = new ArrayList<>();
    List<Class<?>> captureTypes = new ArrayList<>();
    for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
      Field field = captureField(type, i);
      captureTypes.add(field != null ? field.getType() : Object.class);
      captures.add(captureReader(field, writeReplace, i));
    }
    return new LambdaShape(
        asIs,
        new Implementation(
            loader,
            lambda.getImplClass(),
            lambda.getImplMethodName(),
            lambda.getImplMethodSignature(),
            lambda.getImplMethodKind(),
            List.copyOf(captures),
            List.copyOf(captureTypes)));
  }

  /** {@code (Object)Object}: the body's own {@code run} or {@code get}, bound to its class. */
  private static MethodHandle asIs(Class<?> type) {
    String name = HotRunnable.class.isAssignableFrom(type) ? "run" : "get";
    try {
      // The exact method of the exact class: a call site linked to it needs no type profile.
      Method method = type.getMethod(name);
      method.setAccessible(true);
      return MethodHandles.lookup().unreflect(method).asType(GENERIC);
    } catch (ReflectiveOperationException | RuntimeException e) {
      Class<?> api = name.equals("run") ? HotRunnable.class : HotSupplier.class;
      try {
        return MethodHandles.lookup()
            .findVirtual(
                api, name, MethodType.methodType(name.equals("run") ? void.class : Object.class))
            .asType(GENERIC);
      } catch (ReflectiveOperationException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  /** The field the lambda metafactory stores captured value {@code index} in, if it does. */
  private static Field captureField(Class<?> type, int index) {
    try {
      Field field = type.getDeclaredField("arg$" + (index + 1));
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException | RuntimeException e) {
      return null;
    }
  }

  private static MethodHandle captureReader(Field field, Method writeReplace, int index) {
    try {
      if (field != null) {
        return MethodHandles.lookup()
            .unreflectGetter(field)
            .asType(MethodType.methodType(field.getType(), Object.class));
      }
      // Another lambda factory: read it the documented way, through serialization.
      MethodHandle replace = MethodHandles.lookup().unreflect(writeReplace).asType(GENERIC);
      return MethodHandles.insertArguments(CAPTURED, 0, replace, index);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read what the lambda captured: " + e, e);
    }
  }

  private static Object captured(MethodHandle writeReplace, int index, Object body)
      throws Throwable {
    return ((SerializedLambda) writeReplace.invokeExact(body)).getCapturedArg(index);
  }

  /**
   * The code bodies of this class run now. Cheap when nothing changed since the last call: one
   * generation read and compare.
   *
   * @throws MissingBodyException if the newest version has no method that is this body's
   */
  Resolved resolve() {
    if (implementation == null) {
      return new Resolved(null, asIs);
    }
    Generation generation = implementation.loader().registry().current();
    Resolved known = last.get();
    if (known != null && known.generation() == generation) {
      return known;
    }
    ModuleClassLoader newest = generation.loader(implementation.loader().moduleName());
    // A loader still being built for a patch runs its own code (in its initializers and hooks).
    boolean own = newest == implementation.loader() || !implementation.loader().isSuperseded();
    MethodHandle target = own ? asIs : retarget(newest);
    known = new Resolved(generation, target);
    last = new WeakReference<>(known);
    return known;
  }

  /**
   * The {@code Hot.version()} at which the code bodies of this class run now was last replaced; 0
   * for a body outside the modules.
   */
  public long codeVersion() {
    if (implementation == null) {
      return 0;
    }
    ModuleClassLoader loader = implementation.loader();
    return loader.registry().current().loader(loader.moduleName()).codeVersion();
  }

  private MethodHandle retarget(ModuleClassLoader newest) {
    Implementation impl = implementation;
    ModuleHistory history = impl.loader().registry().history(impl.loader().moduleName());
    String renamed =
        history.translate(
            impl.loader().createdVersion(),
            newest.createdVersion(),
            impl.owner() + "." + impl.method(),
            Renames.NONE);
    if (renamed == null) {
      throw new MissingBodyException(
          "Cannot run the newest code of the Hot.call body "
              + impl.body()
              + ": the patch that built "
              + newest
              + " has nothing that matches it (its lambda was removed or changed beyond"
              + " recognition). Restart the application to run the new code from the start.",
          impl.body() + impl.descriptor(),
          newest.toString());
    }
    int dot = renamed.lastIndexOf('.');
    String ownerName = renamed.substring(0, dot).replace('/', '.');
    String methodName = renamed.substring(dot + 1);
    Class<?> owner;
    try {
      owner = Class.forName(ownerName, false, newest);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new MissingBodyException(
          "Cannot run the newest code of the Hot.call body "
              + impl.body()
              + ": "
              + newest
              + " has no class "
              + ownerName
              + " any more. Restart the application, or keep the class.",
          impl.body() + impl.descriptor(),
          newest.toString());
    }
    String descriptor = renameTypes(history, newest, impl.descriptor());
    Executable executable = find(owner, methodName, descriptor, impl);
    MethodHandle handle = unreflect(owner, executable, impl);
    int count = handle.type().parameterCount();
    if (count != impl.captures().size()) {
      throw new MissingBodyException(
          "Cannot run the newest code of the Hot.call body "
              + impl.body()
              + ": it now takes "
              + count
              + " captured values, but the code that created this lambda captured "
              + impl.captures().size()
              + " (for example it now uses this, or another local variable). Restart the"
              + " application, or keep what the body captures unchanged.",
          impl.body() + impl.descriptor(),
          newest.toString());
    }
    if (count == 0) {
      return MethodHandles.dropArguments(handle, 0, Object.class).asType(GENERIC);
    }
    MethodHandle[] readers = new MethodHandle[count];
    for (int i = 0; i < count; i++) {
      readers[i] = reader(i, handle.type().parameterType(i));
    }
    MethodHandle spread = MethodHandles.filterArguments(handle, 0, readers);
    return MethodHandles.permuteArguments(
            spread, MethodType.methodType(handle.type().returnType(), Object.class), new int[count])
        .asType(GENERIC);
  }

  /** {@code (Object)P}: captured value {@code index} of a body, as the new code's parameter. */
  private MethodHandle reader(int index, Class<?> parameter) {
    MethodHandle read = implementation.captures().get(index);
    Class<?> declared = implementation.captureTypes().get(index);
    try {
      if (!mayHoldModuleObjects(declared)) {
        return read.asType(MethodType.methodType(parameter, Object.class));
      }
      MethodHandle convert = MethodHandles.insertArguments(CONVERT, 0, this, parameter, index);
      return MethodHandles.filterReturnValue(read.asType(GENERIC), convert)
          .asType(MethodType.methodType(parameter, Object.class));
    } catch (WrongMethodTypeException e) {
      throw new MissingBodyException(
          "Cannot run the newest code of the Hot.call body "
              + implementation.body()
              + ": the type of its captured value "
              + (index + 1)
              + " changed from "
              + declared.getName()
              + " to "
              + parameter.getName()
              + ". Restart the application, or keep the type.",
          implementation.body() + implementation.descriptor(),
          String.valueOf(parameter));
    }
  }

  /** Whether a value of a declared type could be, or contain, an object of a module class. */
  private static boolean mayHoldModuleObjects(Class<?> declared) {
    return !declared.isPrimitive()
        && !(declared.getClassLoader() == null
            && !declared.isArray()
            && Modifier.isFinal(declared.getModifiers()));
  }

  /** Re-instances one captured value for the newest code; see {@link Reinstancer#convertNow}. */
  private static Object convertCapture(
      LambdaShape shape, Class<?> parameter, int index, Object value) {
    if (value == null) {
      return null;
    }
    ModuleRegistry registry = shape.implementation.loader().registry();
    Object converted = value;
    if (mayChange(value)) {
      converted = registry.reinstancer().convertNow(registry, value);
    }
    if (converted == Reinstancing.UNCONVERTIBLE
        || (!parameter.isPrimitive() && converted != null && !parameter.isInstance(converted))) {
      throw stale(shape.implementation, value, index);
    }
    return converted;
  }

  /** Whether converting {@code value} could give anything but {@code value}; no locking. */
  private static boolean mayChange(Object value) {
    Class<?> type = value instanceof Class<?> c ? c : value.getClass();
    if (type.getClassLoader() instanceof ModuleClassLoader loader) {
      return loader.isSuperseded();
    }
    return (type.isArray() && !type.getComponentType().isPrimitive())
        || ContainerCopy.isCopyable(value);
  }

  private static StaleCaptureException stale(Implementation impl, Object value, int index) {
    String type = value.getClass().getName();
    ClassLoader loader = value.getClass().getClassLoader();
    String from = loader == null ? "the JDK" : loader.toString();
    boolean receiver = index == 0 && takesReceiver(impl.kind());
    return new StaleCaptureException(
        "Cannot run the newest code of the Hot.call body "
            + impl.body()
            + ": "
            + (receiver ? "it captures this, a " : "it captures a ")
            + type
            + " of "
            + from
            + ", which cannot be re-instanced as what the new code expects (its class is gone or"
            + " no longer fits). Capture only values of JDK or library types, or look the object"
            + " up inside the body.",
        impl.body(),
        type,
        from);
  }

  private static boolean takesReceiver(int kind) {
    return kind == MethodHandleInfo.REF_invokeVirtual
        || kind == MethodHandleInfo.REF_invokeInterface
        || kind == MethodHandleInfo.REF_invokeSpecial;
  }

  /** {@code descriptor} with every class renamed as module-diff matched it. */
  private String renameTypes(ModuleHistory history, ModuleClassLoader newest, String descriptor) {
    Type method = Type.getMethodType(descriptor);
    Type[] arguments = method.getArgumentTypes();
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = renameType(history, newest, arguments[i]);
    }
    return Type.getMethodDescriptor(renameType(history, newest, method.getReturnType()), arguments);
  }

  private Type renameType(ModuleHistory history, ModuleClassLoader newest, Type type) {
    if (type.getSort() != Type.OBJECT) {
      return type;
    }
    String renamed =
        history.translate(
            implementation.loader().createdVersion(),
            newest.createdVersion(),
            type.getInternalName(),
            Renames.NONE);
    return renamed == null ? type : Type.getObjectType(renamed);
  }

  private static Executable find(
      Class<?> owner, String name, String descriptor, Implementation impl) {
    if (impl.kind() == MethodHandleInfo.REF_newInvokeSpecial) {
      for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
        if (Type.getConstructorDescriptor(constructor).equals(descriptor)) {
          return constructor;
        }
      }
    } else {
      // A method reference may name a method its class inherits.
      Deque<Class<?>> types = new ArrayDeque<>();
      types.add(owner);
      while (!types.isEmpty()) {
        Class<?> type = types.poll();
        for (Method method : type.getDeclaredMethods()) {
          if (method.getName().equals(name)
              && Type.getMethodDescriptor(method).equals(descriptor)) {
            return method;
          }
        }
        if (type.getSuperclass() != null) {
          types.add(type.getSuperclass());
        }
        types.addAll(List.of(type.getInterfaces()));
      }
    }
    throw new MissingBodyException(
        "Cannot run the newest code of the Hot.call body "
            + impl.body()
            + impl.descriptor()
            + ": "
            + owner.getClassLoader()
            + " has no method "
            + name
            + descriptor
            + ". The body changed so that javac named it differently and module-diff did not"
            + " match it (javac names a serializable lambda after what it captures and where it is"
            + " assigned); restart the application to run it.",
        impl.body() + impl.descriptor(),
        String.valueOf(owner.getClassLoader()));
  }

  private static MethodHandle unreflect(
      Class<?> owner, Executable executable, Implementation impl) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
      if (executable instanceof Constructor<?> constructor) {
        return lookup.unreflectConstructor(constructor);
      }
      Method method = (Method) executable;
      return impl.kind() == MethodHandleInfo.REF_invokeSpecial
              && !Modifier.isPrivate(method.getModifiers())
          ? lookup.unreflectSpecial(method, owner)
          : lookup.unreflect(method);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "Cannot run the newest code of the Hot.call body " + impl.body() + ": " + e, e);
    }
  }
}
