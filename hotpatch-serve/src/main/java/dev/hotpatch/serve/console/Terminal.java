package dev.hotpatch.serve.console;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether serve talks to a person at a terminal, which decides keyboard commands and colours. */
public final class Terminal {
  private Terminal() {}

  public static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // JDK 22+ returns a Console even when not attached to a terminal; isTerminal() tells.
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22, a Console exists only on a terminal
    }
  }
}
