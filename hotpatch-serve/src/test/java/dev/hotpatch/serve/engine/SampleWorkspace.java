package dev.hotpatch.serve.engine;

import dev.hotpatch.Hot;
import dev.hotpatch.serve.compile.Workspaces;
import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small application in a temporary folder, built the way Maven would, then edited as a user
 * would: {@code lib} (a greeting and a {@code @HotFacade} interface), {@code app} (depends on lib,
 * prints the greeting through {@code Hot.call} whenever it changes) and {@code util} (which app
 * depends on but never uses, and which never calls {@code Hot}).
 */
final class SampleWorkspace {
  static final String GREETER =
      """
      package lib;
      public class Greeter {
        public static String greet() { return "%s"; }
      }
      """;

  static final String COUNTER =
      """
      package lib;
      @dev.hotpatch.HotFacade
      public interface Counter {
        int next();
        %s
      }
      """;

  static final String CLOCK =
      """
      package util;
      public class Clock {
        public static long now() { return System.nanoTime(); }
        %s
      }
      """;

  private static final String MAIN =
      """
      package app;
      import dev.hotpatch.Hot;
      public class Main {
        public static void main(String[] args) throws Exception {
          System.out.println("started");
          String last = null;
          while (true) {
            String now = Hot.call(() -> lib.Greeter.greet());
            if (!now.equals(last)) {
              System.out.println("greeting: " + now);
              last = now;
            }
            Thread.sleep(10);
          }
        }
      }
      """;

  /**
   * A main that says how to stop it: a warm restart stops it in its JVM and runs it again. Each
   * start prints its own number, counted in a system property, which outlives the start. Given a
   * port, it binds it and never closes it.
   */
  private static final String STOPPABLE_MAIN =
      """
      package app;
      import dev.hotpatch.Hot;
      public class Main {
        private static volatile boolean stopped;
        public static void main(String[] args) throws Exception {
          int start = Integer.getInteger("sample.starts", 0) + 1;
          System.setProperty("sample.starts", String.valueOf(start));
          Hot.onStop(() -> stopped = true);
          if (args.length > 0) {
            // A server socket that the stop leaves open, kept where no collection closes it.
            System.getProperties().put("sample.socket." + start, new java.net.ServerSocket(
                Integer.parseInt(args[0]), 50, java.net.InetAddress.getLoopbackAddress()));
          }
          System.out.println("started " + start);
          String last = null;
          while (!stopped) {
            String now = Hot.call(() -> lib.Greeter.greet());
            if (!now.equals(last)) {
              System.out.println("greeting: " + now);
              last = now;
            }
            Thread.sleep(10);
          }
          System.out.println("stopped " + start);
        }
      }
      """;

  private final Path dir;
  private final Workspaces sources;
  private final WorkspaceModule lib;
  private final WorkspaceModule app;
  private final WorkspaceModule util;

  SampleWorkspace(Path dir) {
    this.dir = dir;
    this.sources = new Workspaces(dir);
    this.lib = module("lib", List.of());
    this.app = module("app", List.of("lib", "util"));
    this.util = module("util", List.of());
  }

  /** Writes the sources and compiles every module into its {@code classes} folder. */
  SampleWorkspace build() throws IOException {
    return build(MAIN);
  }

  /** As {@link #build()}, with a main that registers how to stop it ({@code Hot.onStop}). */
  SampleWorkspace buildStoppable() throws IOException {
    return build(STOPPABLE_MAIN);
  }

  private SampleWorkspace build(String main) throws IOException {
    sources.write("lib", "lib.Greeter", GREETER.formatted("v0"));
    sources.write("lib", "lib.Counter", COUNTER.formatted(""));
    sources.write("app", "app.Main", main);
    sources.write("util", "util.Clock", CLOCK.formatted(""));
    for (WorkspaceModule module : workspace().modules()) {
      List<Path> classpath = new ArrayList<>(module.compileClasspath());
      module.dependencies().forEach(d -> classpath.add(dir.resolve(d).resolve("classes")));
      Workspaces.javac(module, classpath, module.outputDirectory());
    }
    return this;
  }

  Workspace workspace() {
    return new Workspace(dir, List.of(lib, util, app));
  }

  /** Saves a new text of {@code className} in {@code module}, as an editor would; returns it. */
  Path edit(String module, String className, String text) throws IOException {
    sources.edit(module, className, text);
    return sources.source(module, className);
  }

  private WorkspaceModule module(String name, List<String> dependencies) {
    Path home = dir.resolve(name);
    return new WorkspaceModule(
        name,
        home,
        List.of(home.resolve("src")),
        home.resolve("classes"),
        home.resolve("target"),
        dependencies,
        List.of(apiLocation()),
        List.of(),
        CompilerSettings.defaults());
  }

  /** The hotpatch-api of the test class path: a jar, or a folder of classes. */
  static Path apiLocation() {
    try {
      return Path.of(Hot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
