package dev.hotpatch.runtime.channel;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the runtime's threads: daemons, so that the application's own threads alone decide when the
 * JVM exits, and tied to no application loader (context loader set, no inherited thread locals), so
 * that a thread made while application code is on the stack cannot pin a loader.
 */
public final class DaemonThreads implements ThreadFactory {
  private final String name;
  private final AtomicInteger count = new AtomicInteger();

  public DaemonThreads(String name) {
    this.name = name;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(null, task, name + "-" + count.incrementAndGet(), 0, false);
    thread.setDaemon(true);
    thread.setContextClassLoader(DaemonThreads.class.getClassLoader());
    return thread;
  }
}
