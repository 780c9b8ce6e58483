package dev.hotpatch.runtime.boot;

import java.lang.instrument.Instrumentation;

/**
 * Java agent entry point of the runtime jar ({@code -javaagent:hotpatch-runtime.jar}).
 *
 * <p>It only keeps the {@link Instrumentation}: {@link Boot} hands it to the runtime, which needs
 * it to redefine classes in place. The agent is loaded by the system class loader, like {@link
 * Boot}, so both see the same static field; the runtime's own loader has a separate copy of this
 * class whose field stays empty.
 */
public final class Agent {
  private static volatile Instrumentation instrumentation;

  private Agent() {}

  public static void premain(String args, Instrumentation inst) {
    instrumentation = inst;
  }

  public static void agentmain(String args, Instrumentation inst) {
    instrumentation = inst;
  }

  /** The instrumentation of this JVM, or {@code null} when the JVM started without the agent. */
  public static Instrumentation instrumentation() {
    return instrumentation;
  }
}
