package dev.hotpatch.runtime.restart;

import java.io.Closeable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Spring Boot's application contexts, stopped the way the end of the JVM stops them, minus the end:
 * Spring Boot registers every context it starts with the static {@code
 * SpringApplication.shutdownHook} (a {@code SpringApplicationShutdownHook}), whose JVM hook closes
 * them. Its {@code run()} is not called here: it marks the hook as in progress for good, after
 * which {@code SpringApplication.run} refuses to start ("Shutdown in progress"). Each context is
 * closed instead, which stops its web server (the port is free again), runs {@code @PreDestroy}
 * methods and its shutdown handlers, and deregisters it from the hook.
 *
 * <p>Spring Boot's own shutdown handlers stay (the logging system's stops logging for good); those
 * the application added run and are removed, as its shutdown hooks are.
 *
 * <p>All by reflection on Spring Boot's classes in the libraries loader: the runtime has no Spring
 * Boot of its own, and the application adds nothing to its build.
 */
final class SpringApplications {
  private static final String SPRING_APPLICATION = "org.springframework.boot.SpringApplication";

  private final Object hook;

  private SpringApplications(Object hook) {
    this.hook = hook;
  }

  /** Spring Boot's shutdown hook in {@code libraries}, or null when Spring Boot is not there. */
  static SpringApplications find(ClassLoader libraries) {
    Class<?> application;
    try {
      application = Class.forName(SPRING_APPLICATION, false, libraries);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    try {
      Field field = application.getDeclaredField("shutdownHook");
      field.setAccessible(true);
      Object hook = field.get(null);
      return hook == null ? null : new SpringApplications(hook);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // Another Spring Boot than 2.5 to 3.x: its contexts are not known here.
    }
  }

  /** The contexts that run, in the order they were started. */
  List<Closeable> contexts() {
    try {
      Field field = hook.getClass().getDeclaredField("contexts");
      field.setAccessible(true);
      // Spring Boot guards the set with the class's lock.
      synchronized (hook.getClass()) {
        List<Closeable> contexts = new ArrayList<>();
        for (Object context : (Collection<?>) field.get(hook)) {
          contexts.add((Closeable) context);
        }
        return contexts;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * Closes every running context, the last started first, then runs and removes the shutdown
   * handlers that are the application's.
   *
   * @param problems collects what failed, one line each
   */
  void stop(StaleLoaders application, List<String> problems) {
    List<Closeable> contexts = contexts();
    Collections.reverse(contexts);
    for (Closeable context : contexts) {
      try {
        context.close();
      } catch (Exception | LinkageError e) {
        problems.add("closing the Spring application context " + context + " failed: " + e);
      }
    }
    runApplicationHandlers(application, problems);
  }

  private void runApplicationHandlers(StaleLoaders application, List<String> problems) {
    List<Runnable> own = new ArrayList<>();
    Object handlers;
    Method remove;
    try {
      Field handlersField = hook.getClass().getDeclaredField("handlers");
      handlersField.setAccessible(true);
      handlers = handlersField.get(hook);
      Field actionsField = handlers.getClass().getDeclaredField("actions");
      actionsField.setAccessible(true);
      Class<?> publicType =
          Class.forName(
              "org.springframework.boot.SpringApplicationShutdownHandlers",
              false,
              hook.getClass().getClassLoader());
      remove = publicType.getMethod("remove", Runnable.class);
      synchronized (hook.getClass()) {
        for (Object handler : (Collection<?>) actionsField.get(handlers)) {
          Method runnable = handler.getClass().getDeclaredMethod("runnable");
          runnable.setAccessible(true);
          Object action = runnable.invoke(handler);
          if (application.ownsValue(action)) {
            own.add((Runnable) action);
          }
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return; // Another layout: the handlers run when the JVM ends, as before.
    }
    Collections.reverse(own);
    for (Runnable action : own) {
      try {
        remove.invoke(handlers, action);
        action.run();
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        problems.add("the Spring shutdown handler " + action + " failed: " + e);
      }
    }
  }
}
