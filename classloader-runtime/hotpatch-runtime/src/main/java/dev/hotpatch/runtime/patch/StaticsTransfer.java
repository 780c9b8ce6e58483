package dev.hotpatch.runtime.patch;

import dev.hotpatch.runtime.loader.ClassCarry;
import dev.hotpatch.runtime.loader.DevModeTransformer;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import dev.hotpatch.runtime.loader.Renames;
import dev.hotpatch.runtime.reinstance.ReinstanceException;
import dev.hotpatch.runtime.reinstance.Reinstancing;
import dev.hotpatch.runtime.reinstance.StaticsCarry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Moves the static state of the modules of one patch from their current loaders to the new ones.
 *
 * <p>For every class the application initialized under a current loader, in the order it did, the
 * class of the same name (or the name module-diff matched it with) is initialized under the new
 * loader following its {@link StaticsCarry}. All carries are planned before any new class is
 * initialized, since initializing one class initializes others (its superclass, what its
 * initializer uses), possibly of another module of the patch.
 */
final class StaticsTransfer {
  /** One module of the patch: its current loader, the new one, and the patch's renames in it. */
  record Move(ModuleClassLoader from, ModuleClassLoader to, Renames renames) {}

  private record Planned(ModuleClassLoader loader, Class<?> next, ClassCarry carry) {}

  /** How module loaders name themselves, and so the frames of module classes: {@code app@v3}. */
  private static final Pattern MODULE_LOADER = Pattern.compile(".+@v\\d+");

  private final Reinstancing reinstancing;
  private final List<String> warnings;

  StaticsTransfer(Reinstancing reinstancing, List<String> warnings) {
    this.reinstancing = reinstancing;
    this.warnings = warnings;
  }

  /**
   * Carries the statics of every module in {@code moves}.
   *
   * @return the new classes whose statics were carried, in the order they were initialized before
   * @throws PatchFailedException naming the class, if a new class cannot be loaded or initialized
   */
  List<Class<?>> carry(List<Move> moves) throws PatchFailedException {
    List<Planned> planned = new ArrayList<>();
    Map<ModuleClassLoader, Map<String, ClassCarry>> carries = new HashMap<>();
    for (Move move : moves) {
      Map<String, ClassCarry> byName = new LinkedHashMap<>();
      for (Class<?> previous : move.from().initializedClasses()) {
        String name = move.renames().map(previous.getName().replace('.', '/'));
        String binary = name == null ? null : name.replace('/', '.');
        if (binary == null || !move.to().owns(binary)) {
          continue; // The class was removed; its state goes with it.
        }
        Class<?> next = load(binary, move.to());
        ClassCarry carry = StaticsCarry.plan(previous, next, reinstancing, warnings);
        byName.put(binary, carry);
        planned.add(new Planned(move.to(), next, carry));
      }
      carries.put(move.to(), byName);
    }
    try {
      carries.forEach(ModuleClassLoader::expectInitializations);
      List<Class<?>> carried = new ArrayList<>();
      for (Planned plan : planned) {
        initialize(plan.next(), plan.loader());
        carried.add(plan.next());
      }
      return carried;
    } finally {
      for (ModuleClassLoader loader : carries.keySet()) {
        loader.expectInitializations(Map.of());
      }
    }
  }

  private static Class<?> load(String name, ModuleClassLoader loader) throws PatchFailedException {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PatchFailedException("Cannot load " + name + " from " + loader + ": " + e, e);
    }
  }

  private static void initialize(Class<?> type, ModuleClassLoader loader)
      throws PatchFailedException {
    try {
      Class.forName(type.getName(), true, loader);
    } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
      for (Throwable inner = e; inner != null; inner = inner.getCause()) {
        if (inner instanceof ReinstanceException reinstance) {
          throw new PatchFailedException(
              "Cannot carry the statics of "
                  + failingClass(reinstance, type)
                  + ": "
                  + reinstance.getMessage(),
              reinstance);
        }
      }
      Throwable cause = rootCause(e);
      String frame = firstApplicationFrame(cause);
      throw new PatchFailedException(
          "Static initializer of "
              + failingClass(cause, type)
              + " failed: "
              + cause
              + (frame == null ? "" : " (at " + frame + ")"),
          cause);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PatchFailedException(
          "Cannot load " + type.getName() + " from " + loader + ": " + e, e);
    }
  }

  /**
   * The first frame of {@code cause} in a module class ({@code
   * it.init.Config.<clinit>(Config.java:7)}), the initializer under its own name again; null when
   * none is.
   */
  static String firstApplicationFrame(Throwable cause) {
    for (StackTraceElement frame : cause.getStackTrace()) {
      String loader = frame.getClassLoaderName();
      if (loader == null || !MODULE_LOADER.matcher(loader).matches()) {
        continue;
      }
      String method =
          frame.getMethodName().equals(DevModeTransformer.ORIGINAL_INITIALIZER)
              ? "<clinit>"
              : frame.getMethodName();
      String where =
          frame.getFileName() == null
              ? "Unknown Source"
              : frame.getLineNumber() > 0
                  ? frame.getFileName() + ":" + frame.getLineNumber()
                  : frame.getFileName();
      return frame.getClassName() + "." + method + "(" + where + ")";
    }
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * The class whose static initializer threw: the innermost initializer on the stack of the cause,
   * which is not {@code initialized} when initializing it set off another class's initializer.
   */
  private static String failingClass(Throwable cause, Class<?> initialized) {
    for (StackTraceElement frame : cause.getStackTrace()) {
      if (frame.getMethodName().equals(DevModeTransformer.ORIGINAL_INITIALIZER)
          || frame.getMethodName().equals("<clinit>")) {
        return frame.getClassName();
      }
    }
    return initialized.getName();
  }
}
