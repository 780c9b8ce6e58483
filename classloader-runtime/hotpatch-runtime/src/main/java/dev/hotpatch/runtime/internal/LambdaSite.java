package dev.hotpatch.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the runtime knows about one lambda class passed to {@code Hot.call}: which module holds its
 * body, and how to run the newest version of that body.
 *
 * <p>A serializable lambda names its implementation method (class, name, descriptor) and its
 * captured values in the {@link SerializedLambda} its {@code writeReplace} method returns. While
 * the loader of the implementation class is current, the lambda runs as it is; once a patch
 * superseded that loader, the method of the same name and descriptor in the module's newest loader
 * runs instead, with the lambda's captured values.
 */
final class LambdaSite {
  private static final ClassValue<LambdaSite> SITES =
      new ClassValue<>() {
        @Override
        protected LambdaSite computeValue(Class<?> type) {
          return create(type);
        }
      };

  private static final Shape DIRECT = new Shape(null, null, null, null, 0);
  private static final LambdaSite ALWAYS_DIRECT = new LambdaSite(null);

  /**
   * Where the body lives. {@code loader == null}: not in a module loader (JDK or library code, or
   * not a serializable lambda), so there is never newer code to run.
   */
  private record Shape(
      ModuleClassLoader loader, String className, String methodName, String descriptor, int kind) {
    String body() {
      return className + "." + methodName;
    }
  }

  /** The newest code of the body, resolved against one loader. */
  private record Target(ModuleClassLoader loader, MethodHandle handle, MethodHandle spread) {}

  private final MethodHandle writeReplace;
  private volatile Shape shape;
  private volatile Target target;

  private LambdaSite(MethodHandle writeReplace) {
    this.writeReplace = writeReplace;
    this.shape = writeReplace == null ? DIRECT : null;
  }

  /** The site of the lambda class of {@code body}, computed once per class. */
  static LambdaSite of(Object body) {
    return SITES.get(body.getClass());
  }

  private static LambdaSite create(Class<?> type) {
    // A lambda class is defined in the loader of the class that created it. Code outside the
    // module loaders cannot name module classes, so its lambdas can only run as they are.
    if (!(type.getClassLoader() instanceof ModuleClassLoader)) {
      return ALWAYS_DIRECT;
    }
    try {
      Method method = type.getDeclaredMethod("writeReplace");
      method.setAccessible(true);
      return new LambdaSite(MethodHandles.lookup().unreflect(method));
    } catch (NoSuchMethodException | IllegalAccessException | RuntimeException e) {
      // Not a serializable lambda (a named class implementing the interface, say): there is no
      // implementation method to look up again, so it runs as it is.
      return ALWAYS_DIRECT;
    }
  }

  /** Whether {@code body} (of this site's class) runs the newest code as it is. */
  boolean isCurrent(Object body) {
    Shape known = shape;
    if (known == null) {
      known = shapeOf(body);
      shape = known;
    }
    return known.loader() == null || known.loader().isCurrent();
  }

  /**
   * Runs the newest version of {@code body}'s implementation with its captured values. Only valid
   * after {@link #isCurrent} returned {@code false}.
   *
   * @return what the implementation returned; {@code null} for a void method
   */
  Object invokeNewest(Object body) throws Throwable {
    Shape known = shape;
    ModuleClassLoader newest = known.loader().slot().current();
    Target resolved = target;
    if (resolved == null || resolved.loader() != newest) {
      resolved = resolve(known, newest);
      target = resolved;
    }
    Object[] captured = capturedArguments(serialize(body));
    check(known, resolved, captured);
    return resolved.spread().invokeExact(captured);
  }

  private Shape shapeOf(Object body) {
    SerializedLambda lambda = serialize(body);
    if (lambda == null) {
      return DIRECT;
    }
    String className = lambda.getImplClass().replace('/', '.');
    Class<?> implementation;
    try {
      // Resolved as the lambda's own code resolves it, so a method reference to a class of a
      // dependency finds that dependency's loader.
      implementation = Class.forName(className, false, body.getClass().getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return DIRECT;
    }
    if (!(implementation.getClassLoader() instanceof ModuleClassLoader loader)) {
      return DIRECT;
    }
    return new Shape(
        loader,
        className,
        lambda.getImplMethodName(),
        lambda.getImplMethodSignature(),
        lambda.getImplMethodKind());
  }

  /** The lambda as {@code writeReplace} describes it, or {@code null} if it is no lambda. */
  private SerializedLambda serialize(Object body) {
    Object replacement;
    try {
      replacement = writeReplace.invoke(body);
    } catch (Throwable e) {
      throw new IllegalStateException(
          "Cannot read the lambda " + body.getClass().getName() + " passed to Hot.call: " + e, e);
    }
    return replacement instanceof SerializedLambda lambda ? lambda : null;
  }

  private static Object[] capturedArguments(SerializedLambda lambda) {
    Object[] captured = new Object[lambda.getCapturedArgCount()];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = lambda.getCapturedArg(i);
    }
    return captured;
  }

  private static Target resolve(Shape shape, ModuleClassLoader newest) {
    Class<?> owner;
    try {
      owner = Class.forName(shape.className(), false, newest);
    } catch (ClassNotFoundException e) {
      throw new MissingBodyException(
          "Cannot run the newest code of the Hot.call body "
              + shape.body()
              + ": "
              + newest
              + " has no class "
              + shape.className()
              + " any more. Restart the application, or keep the class.",
          shape.body() + shape.descriptor(),
          newest.toString());
    }
    Executable executable = find(owner, shape);
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
      MethodHandle handle;
      if (executable instanceof Constructor<?> constructor) {
        handle = lookup.unreflectConstructor(constructor);
      } else {
        Method method = (Method) executable;
        handle =
            shape.kind() == MethodHandleInfo.REF_invokeSpecial
                    && !Modifier.isPrivate(method.getModifiers())
                ? lookup.unreflectSpecial(method, owner)
                : lookup.unreflect(method);
      }
      int count = handle.type().parameterCount();
      MethodHandle spread =
          handle.asType(MethodType.genericMethodType(count)).asSpreader(Object[].class, count);
      return new Target(newest, handle, spread);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "Cannot run the newest code of the Hot.call body " + shape.body() + ": " + e, e);
    }
  }

  private static Executable find(Class<?> owner, Shape shape) {
    if (shape.kind() == MethodHandleInfo.REF_newInvokeSpecial) {
      for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
        if (descriptor(constructor).equals(shape.descriptor())) {
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
          if (method.getName().equals(shape.methodName())
              && descriptor(method).equals(shape.descriptor())) {
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
            + shape.body()
            + shape.descriptor()
            + ": "
            + owner.getClassLoader()
            + " has no such method. The body changed so that javac named it differently (javac"
            + " names a serializable lambda after what it captures and where it is assigned, so"
            + " capturing other variables renames it); restart the application to run it.",
        shape.body() + shape.descriptor(),
        String.valueOf(owner.getClassLoader()));
  }

  private static String descriptor(Executable executable) {
    Class<?> returned = executable instanceof Method method ? method.getReturnType() : void.class;
    return MethodType.methodType(returned, executable.getParameterTypes())
        .toMethodDescriptorString();
  }

  private static void check(Shape shape, Target target, Object[] captured) {
    Class<?>[] parameters = target.handle().type().parameterArray();
    if (parameters.length != captured.length) {
      throw new IllegalStateException(
          "Cannot run the newest code of the Hot.call body "
              + shape.body()
              + ": it now takes "
              + parameters.length
              + " captured values, but the code that created this lambda captured "
              + captured.length
              + " (for example it now uses this, or a new local variable). Restart the"
              + " application, or keep what the body captures unchanged.");
    }
    for (int i = 0; i < captured.length; i++) {
      Object value = captured[i];
      Class<?> parameter = parameters[i];
      boolean fits =
          parameter.isPrimitive()
              ? MethodType.methodType(parameter).wrap().returnType().isInstance(value)
              : value == null || parameter.isInstance(value);
      if (!fits) {
        throw stale(shape, value, i == 0 && takesReceiver(shape));
      }
    }
  }

  private static boolean takesReceiver(Shape shape) {
    int kind = shape.kind();
    return kind == MethodHandleInfo.REF_invokeVirtual
        || kind == MethodHandleInfo.REF_invokeInterface
        || kind == MethodHandleInfo.REF_invokeSpecial;
  }

  private static StaleCaptureException stale(Shape shape, Object value, boolean receiver) {
    String type = value == null ? "null" : value.getClass().getName();
    ClassLoader loader = value == null ? null : value.getClass().getClassLoader();
    String from = loader == null ? "the JDK" : loader.toString();
    String what =
        receiver
            ? "it captures this, a " + type + " of " + from
            : "it captures a " + type + " of " + from;
    String advice =
        receiver
            ? "Call a static method in the body, or capture only values (copy the fields you need"
                + " into local variables before Hot.call)."
            : "Capture only values of JDK or library types, or look the object up inside the"
                + " body.";
    return new StaleCaptureException(
        "Cannot run the newest code of the Hot.call body "
            + shape.body()
            + ": "
            + what
            + ", whose class a patch reloaded, and objects are not re-instanced yet. "
            + advice,
        shape.body(),
        type,
        from);
  }
}
