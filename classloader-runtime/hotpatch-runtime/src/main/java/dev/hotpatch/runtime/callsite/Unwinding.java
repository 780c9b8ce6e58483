package dev.hotpatch.runtime.callsite;

import dev.hotpatch.runtime.loader.DevModeTransformer;
import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleClassLoader;
import java.lang.StackWalker.StackFrame;
import java.lang.invoke.SwitchPoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Stale-call unwinding: when a {@code Hot.call} is reached from code that a patch replaced while it
 * ran, that code is abandoned up to the nearest enclosing {@code Hot.call} whose own code is
 * current (or the outermost one), which runs its body again, now with the new code.
 *
 * <p>Deciding this needs a walk of the thread's stack, which must cost nothing on the normal path.
 * So right after each patch the runtime looks at every thread's stack once and arms only the
 * threads that are running code the patch replaced. Call sites in replaced code check for unwinding
 * only while some thread is armed (a {@link SwitchPoint} turns the check off again), and only an
 * armed thread walks its stack; the first walk that finds nothing to unwind disarms its thread.
 *
 * <p>A {@code Hot.call} is seen on the stack as the frame of a module method at the bytecode index
 * of a rewritten {@code Hot.call} (see {@link DevModeTransformer}), or as a frame of {@code
 * Hot.call} itself when code outside the modules called it. Its body frame is the first frame
 * inside it that is not hotpatch's own. Unwinding to a {@code Hot.call} happens only when some body
 * frame up to it runs replaced code, so a body that runs again with the new code and reaches
 * replaced code once more (through an object the application held) runs on instead of looping:
 * every further unwinding needs a further patch.
 *
 * <p>Virtual threads are not in the JVM's list of threads, so they are never armed: replaced code
 * on a virtual thread runs on to its end.
 */
public final class Unwinding {
  /** One enclosing {@code Hot.call}. */
  private record Boundary(boolean siteCurrent, boolean bodyStale) {}

  /**
   * The runtime's own packages, whose frames are hotpatch's own: all but the public values of
   * {@code dev.hotpatch.runtime} itself, {@code boot} (loaded by the system loader, below the
   * application) and the shaded libraries. A test checks that every other package is listed.
   */
  static final Set<String> RUNTIME_PACKAGES =
      Set.of(
          "dev.hotpatch.runtime.callsite",
          "dev.hotpatch.runtime.channel",
          "dev.hotpatch.runtime.facade",
          "dev.hotpatch.runtime.launch",
          "dev.hotpatch.runtime.loader",
          "dev.hotpatch.runtime.log",
          "dev.hotpatch.runtime.patch",
          "dev.hotpatch.runtime.reinstance",
          "dev.hotpatch.runtime.restart");

  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final Object LOCK = new Object();
  private static final Set<Long> ARMED = ConcurrentHashMap.newKeySet();
  private static volatile boolean everyone;
  private static volatile SwitchPoint armed;

  private Unwinding() {}

  /** Valid while some thread may need to unwind; {@code null} when none can. */
  static SwitchPoint armedPoint() {
    return armed;
  }

  /** Arms every thread until {@link #endPatch}, for the moments the patch becomes current. */
  public static void beginPatch() {
    synchronized (LOCK) {
      everyone = true;
      if (armed == null) {
        armed = new SwitchPoint();
      }
    }
  }

  /** Arms exactly the threads that run code of a loader {@code now} superseded. */
  public static void endPatch(Generation now) {
    Set<Long> running = new HashSet<>();
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement frame : thread.getValue()) {
        if (isSupersededLoader(frame.getClassLoaderName(), now)) {
          running.add(thread.getKey().getId());
          break;
        }
      }
    }
    synchronized (LOCK) {
      ARMED.clear();
      ARMED.addAll(running);
      everyone = false;
      disarmIfIdle();
    }
  }

  /** A patch that began failed before it became current. */
  public static void abortPatch() {
    synchronized (LOCK) {
      everyone = false;
      disarmIfIdle();
    }
  }

  private static void disarmIfIdle() {
    if (!everyone && ARMED.isEmpty() && armed != null) {
      SwitchPoint.invalidateAll(new SwitchPoint[] {armed});
      armed = null;
    }
  }

  /** Module loaders are named by module and version: {@code app@v3}. */
  private static boolean isSupersededLoader(String loaderName, Generation now) {
    if (loaderName == null) {
      return false;
    }
    int at = loaderName.lastIndexOf("@v");
    if (at < 0) {
      return false;
    }
    ModuleClassLoader current = now.loader(loaderName.substring(0, at));
    return current != null && !loaderName.equals(current.getName());
  }

  /**
   * Called by a {@code Hot.call} site in replaced code before it runs its body: throws {@link
   * StaleCallUnwinding} if an enclosing {@code Hot.call} should run its body again instead.
   */
  static void check() {
    long thread = Thread.currentThread().getId();
    if (!everyone && !ARMED.contains(thread)) {
      return;
    }
    List<Boundary> boundaries = boundaries();
    int target = boundaries.size() - 1;
    for (int i = 0; i < boundaries.size(); i++) {
      if (boundaries.get(i).siteCurrent()) {
        target = i;
        break;
      }
    }
    for (int i = 0; i <= target; i++) {
      if (boundaries.get(i).bodyStale()) {
        throw new StaleCallUnwinding(target);
      }
    }
    if (boundaries.stream().noneMatch(Boundary::bodyStale)) {
      synchronized (LOCK) {
        ARMED.remove(thread);
        disarmIfIdle();
      }
    }
  }

  /** Whether a {@code Hot.call} encloses the one whose machinery calls this. */
  static boolean hasEnclosingBoundary() {
    return !boundaries().isEmpty();
  }

  /**
   * The {@code Hot.call}s enclosing the one in progress, innermost first. The walk starts at the
   * first frame outside hotpatch: the code that holds the {@code Hot.call} in progress.
   */
  private static List<Boundary> boundaries() {
    List<StackFrame> frames = WALKER.walk(stream -> stream.collect(Collectors.toList()));
    List<Boundary> found = new ArrayList<>();
    int i = 0;
    while (i < frames.size() && isMachinery(frames.get(i))) {
      i++;
    }
    if (i == frames.size()) {
      return found;
    }
    StackFrame inner = frames.get(i++);
    for (; i < frames.size(); i++) {
      StackFrame frame = frames.get(i);
      if (isHotCall(frame)) {
        int site = i + 1;
        while (site < frames.size() && isMachinery(frames.get(site))) {
          site++;
        }
        boolean siteCurrent =
            site == frames.size() || isCurrent(frames.get(site).getDeclaringClass());
        found.add(new Boundary(siteCurrent, isStale(inner)));
      } else if (!isMachinery(frame)) {
        if (isRewrittenSite(frame)) {
          found.add(new Boundary(isCurrent(frame.getDeclaringClass()), isStale(inner)));
        }
        inner = frame;
      }
    }
    return found;
  }

  private static boolean isMachinery(StackFrame frame) {
    Class<?> type = frame.getDeclaringClass();
    if (type.getClassLoader() instanceof ModuleClassLoader) {
      return false;
    }
    String name = type.getName();
    return name.equals("dev.hotpatch.Hot")
        || name.startsWith("dev.hotpatch.internal.")
        || RUNTIME_PACKAGES.contains(type.getPackageName());
  }

  private static boolean isHotCall(StackFrame frame) {
    return frame.getClassName().equals("dev.hotpatch.Hot")
        && frame.getMethodName().equals("call")
        && !(frame.getDeclaringClass().getClassLoader() instanceof ModuleClassLoader);
  }

  private static boolean isRewrittenSite(StackFrame frame) {
    return frame.getDeclaringClass().getClassLoader() instanceof ModuleClassLoader loader
        && loader.isHotCallSite(
            frame.getClassName(),
            frame.getMethodName(),
            frame.getDescriptor(),
            frame.getByteCodeIndex());
  }

  private static boolean isCurrent(Class<?> type) {
    return !(type.getClassLoader() instanceof ModuleClassLoader loader) || !loader.isSuperseded();
  }

  private static boolean isStale(StackFrame frame) {
    return frame.getDeclaringClass().getClassLoader() instanceof ModuleClassLoader loader
        && loader.isSuperseded();
  }
}
