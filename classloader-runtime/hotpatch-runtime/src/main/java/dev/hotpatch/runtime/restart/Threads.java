package dev.hotpatch.runtime.restart;

import java.lang.reflect.Field;

/** What a thread runs, read from the JDK's private fields (opened by serve's command line). */
final class Threads {
  private Threads() {}

  /**
   * The {@code Runnable} a thread was made with, or null when it has none or it cannot be read:
   * {@code Thread.target} up to Java 18, {@code Thread.holder.task} from 19 on.
   */
  static Object task(Thread thread) {
    try {
      Field target = Thread.class.getDeclaredField("target");
      target.setAccessible(true);
      return target.get(thread);
    } catch (NoSuchFieldException e) {
      try {
        Field holderField = Thread.class.getDeclaredField("holder");
        holderField.setAccessible(true);
        Object holder = holderField.get(thread);
        if (holder == null) {
          return null;
        }
        Field task = holder.getClass().getDeclaredField("task");
        task.setAccessible(true);
        return task.get(holder);
      } catch (ReflectiveOperationException | RuntimeException inner) {
        return null;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
