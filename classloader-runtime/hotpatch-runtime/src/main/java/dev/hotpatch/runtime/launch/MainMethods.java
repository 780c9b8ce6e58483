package dev.hotpatch.runtime.launch;

import dev.hotpatch.runtime.channel.LaunchException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Finds the application's {@code public static void main(String[])}, as the launcher would. */
final class MainMethods {
  private MainMethods() {}

  static Method find(ClassLoader loader, String mainClass) throws LaunchException {
    Class<?> type;
    try {
      type = Class.forName(mainClass, false, loader);
    } catch (ClassNotFoundException e) {
      throw new LaunchException(
          "Main class "
              + mainClass
              + " not found in "
              + loader
              + ". Check <mainClass> (or -Dhotpatch.mainClass) and that the class belongs to the"
              + " main module.",
          e);
    } catch (LinkageError e) {
      throw new LaunchException("Cannot load the main class " + mainClass + ": " + e, e);
    }
    Method main;
    try {
      main = type.getMethod("main", String[].class);
    } catch (NoSuchMethodException e) {
      main = null;
    }
    if (main == null
        || !Modifier.isStatic(main.getModifiers())
        || main.getReturnType() != void.class) {
      throw new LaunchException(
          "Main class "
              + mainClass
              + " has no method public static void main(String[]). Add one, or name another class"
              + " in <mainClass> (or -Dhotpatch.mainClass).");
    }
    // The launcher also runs main methods of classes that are not public.
    main.setAccessible(true);
    return main;
  }
}
