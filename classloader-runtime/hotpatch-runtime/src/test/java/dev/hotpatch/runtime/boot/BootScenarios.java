package dev.hotpatch.runtime.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.FakeServe;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.TestWorkspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a small application the way {@code serve} does, in a JVM of its own, and checks what it
 * prints and how it exits. Subclasses say where the runtime comes from.
 */
abstract class BootScenarios {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The application: reports where it runs, then does what its first argument says. */
  private static final String MAIN =
      """
      package demo.app;
      import dev.hotpatch.Hot;
      public class Main {
        public static void main(String[] args) throws Exception {
          String mode = args.length > 0 ? args[0] : "";
          System.out.println("args=" + String.join(",", args));
          System.out.println("loader=" + Main.class.getClassLoader());
          System.out.println("context=" + Thread.currentThread().getContextClassLoader());
          System.out.println("active=" + Hot.isActive());
          System.out.println("call=" + Hot.call(() -> "body of " + demo.core.Core.name()));
          System.out.println("library=" + thirdparty.Helper.help());
          System.out.println("runtime=" + visible("dev.hotpatch.runtime.patch.HotRuntime"));
          System.out.println("jackson=" + visible("com.fasterxml.jackson.databind.ObjectMapper"));
          switch (mode) {
            case "fail" -> throw new IllegalStateException("main failed on purpose");
            case "linger" -> System.in.read(); // Until the test has seen what it waits for.
            case "loop" -> {
              for (int i = 0; i < 400; i++) {
                String tick = Hot.call(() -> "tick " + demo.core.Core.name());
                System.out.println(tick);
                if (tick.endsWith("v1")) {
                  // Ends when the test says so: the patch result may still be on its way.
                  System.in.read();
                  return;
                }
                Thread.sleep(50);
              }
            }
            case "wait" -> {
              new Thread(Main::sleepLong).start();
              System.out.println("waiting");
            }
            default -> { }
          }
        }
        static void sleepLong() {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        static String visible(String name) {
          try {
            Class.forName(name);
            return "visible";
          } catch (ClassNotFoundException e) {
            return "hidden";
          }
        }
      }
      """;

  private static final String SECRET = "00ff00ff00ff00ff00ff00ff00ff00ff";

  @TempDir Path folder;
  private TestWorkspace workspace;
  private Path library;
  private List<ModuleVersion> modules;
  private int deadPort;

  /** {@code java} and its options up to the main class: agent and class path of the runtime. */
  abstract List<String> runtimeCommand() throws IOException;

  @BeforeEach
  void buildApplication() throws IOException {
    library = libraryJar();
    workspace = new TestWorkspace(folder.resolve("workspace")).withLibrary(library);
    modules = List.of(core(0, "core"), app(0));
    try (ServerSocket probe = new ServerSocket(0)) {
      deadPort = probe.getLocalPort(); // Closed again: connecting there is refused.
    }
  }

  private ModuleVersion core(int version, String name) {
    return workspace.module(
        "core",
        version,
        List.of(),
        Map.of(
            "demo.core.Core",
            "package demo.core;\n"
                + "public final class Core { public static String name() { return \""
                + name
                + "\"; } }\n"));
  }

  private ModuleVersion app(int version) {
    return workspace.module("app", version, List.of("core"), Map.of("demo.app.Main", MAIN));
  }

  private Path libraryJar() throws IOException {
    Path classes = folder.resolve("library-classes");
    TestWorkspace.compile(
        classes,
        List.of(),
        Map.of(
            "thirdparty.Helper",
            "package thirdparty;\n"
                + "public final class Helper { public static String help() { return \"helped\"; }"
                + " }\n"));
    Path jar = folder.resolve("helper.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("thirdparty/Helper.class"));
      out.write(Files.readAllBytes(classes.resolve("thirdparty/Helper.class")));
      out.closeEntry();
    }
    return jar;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Path launchJson(String mainClass, long parentPid, String... args) throws IOException {
    return launchJson(
        URI.create("ws://127.0.0.1:" + deadPort + FakeServe.PATH), mainClass, parentPid, args);
  }

  private Path launchJson(URI server, String mainClass, long parentPid, String... args)
      throws IOException {
    ObjectNode launch = JSON.createObjectNode();
    launch.put("protocol", Protocol.VERSION);
    launch.put("sessionId", "3f6c0e0a9b1d4c55");
    launch.put("buildId", "3f6c0e0a9b1d4c55.1");
    launch.putArray("patchRoots").add(folder.resolve("workspace").toString());
    launch.put("serverUri", server.toString());
    launch.put("tokenFile", Files.writeString(folder.resolve("token"), SECRET).toString());
    launch.put("parentPid", parentPid);
    launch.put("mainClass", mainClass);
    launch.put("mainModule", "app");
    ArrayNode arguments = launch.putArray("args");
    for (String arg : args) {
      arguments.add(arg);
    }
    launch.putArray("libraries").add(library.toString());
    ArrayNode list = launch.putArray("modules");
    for (ModuleVersion module : modules) {
      ObjectNode entry = list.addObject();
      entry.put("name", module.name()).put("version", module.version());
      module.classes().forEach(path -> entry.withArray("classes").add(path.toString()));
      ArrayNode dependencies = entry.putArray("dependencies");
      module.dependencies().forEach(dependencies::add);
    }
    return Files.writeString(folder.resolve("launch.json"), launch.toPrettyString());
  }

  record Outcome(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private Process start(Path launchJson) throws IOException {
    List<String> command = new ArrayList<>(runtimeCommand());
    command.add(Boot.class.getName());
    command.add(TestWorkspace.apiLocation().toString());
    command.add(launchJson.toString());
    return new ProcessBuilder(command).start();
  }

  private static Outcome finish(Process process) throws Exception {
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("The application did not end: " + out.getNow("") + err.getNow(""));
    }
    return new Outcome(process.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Test
  void runsMainInTheMainModulesLoaderAndExitsNormallyWhileServeIsUnreachable() throws Exception {
    Process application =
        start(launchJson("demo.app.Main", ProcessHandle.current().pid(), "linger", "x"));
    // The first line on standard error is the runtime's report of the failed connection; once it
    // is there, the application may end.
    BufferedReader errors =
        new BufferedReader(
            new InputStreamReader(application.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> firstError =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return errors.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    String unreachable;
    try {
      unreachable = firstError.get(30, TimeUnit.SECONDS);
    } finally {
      application.getOutputStream().write('\n');
      application.getOutputStream().flush();
    }
    Outcome outcome = finish(application);

    assertThat(outcome.out().lines())
        .as(outcome.err())
        .containsExactly(
            "args=linger,x",
            "loader=module app@v0",
            "context=module app@v0",
            "active=true",
            "call=body of core",
            "library=helped",
            "runtime=hidden",
            "jackson=hidden");
    assertThat(unreachable)
        .startsWith("[hotpatch] Cannot reach serve at ws://127.0.0.1:" + deadPort + "/hotpatch")
        .contains("connection refused");
    assertThat(outcome.err()).isEmpty();
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void patchFromServeChangesWhatTheNextHotCallRuns() throws Exception {
    try (FakeServe serve = FakeServe.start(SECRET, 0)) {
      Process application =
          start(launchJson(serve.uri(), "demo.app.Main", ProcessHandle.current().pid(), "loop"));
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      CompletableFuture<String> err = read(application.getErrorStream());
      Thread reader =
          new Thread(
              () ->
                  new BufferedReader(
                          new InputStreamReader(
                              application.getInputStream(), StandardCharsets.UTF_8))
                      .lines()
                      .forEach(lines::add));
      reader.setDaemon(true);
      reader.start();
      try {
        JsonNode hello = serve.next();
        assertThat(hello.get("type").asText()).isEqualTo("hello");
        assertThat(hello.get("sessionId").asText()).isEqualTo("3f6c0e0a9b1d4c55");
        assertThat(hello.get("pid").asLong()).isEqualTo(application.pid());
        awaitLine(lines, "tick core");

        serve.send(FakeServe.patch(hello, 1, core(1, "core v1"), app(1)));

        JsonNode result = serve.next();
        assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        awaitLine(lines, "tick core v1");
        application.getOutputStream().write('\n');
        application.getOutputStream().flush();
        assertThat(application.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(application.exitValue()).as(err.getNow("")).isZero();
        assertThat(err.get()).isEmpty();
      } finally {
        application.destroyForcibly();
      }
    }
  }

  @Test
  void inPlacePatchFromServeRedefinesTheClassWithoutANewLoader() throws Exception {
    try (FakeServe serve = FakeServe.start(SECRET, 0)) {
      Process application =
          start(launchJson(serve.uri(), "demo.app.Main", ProcessHandle.current().pid(), "loop"));
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      CompletableFuture<String> err = read(application.getErrorStream());
      Thread reader =
          new Thread(
              () ->
                  new BufferedReader(
                          new InputStreamReader(
                              application.getInputStream(), StandardCharsets.UTF_8))
                      .lines()
                      .forEach(lines::add));
      reader.setDaemon(true);
      reader.start();
      try {
        JsonNode hello = serve.next();
        assertThat(hello.get("type").asText()).isEqualTo("hello");
        awaitLine(lines, "tick core");

        serve.send(FakeServe.inPlacePatch(hello, 1, core(1, "core v1"), "demo.core.Core"));

        JsonNode result = serve.next();
        assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("version").asLong()).isEqualTo(1);
        awaitLine(lines, "tick core v1");
        application.getOutputStream().write('\n');
        application.getOutputStream().flush();
        assertThat(application.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(application.exitValue()).as(err.getNow("")).isZero();
      } finally {
        application.destroyForcibly();
      }
    }
  }

  private static void awaitLine(BlockingQueue<String> lines, String expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (expected.equals(line)) {
        return;
      }
    }
    throw new AssertionError("The application never printed: " + expected);
  }

  @Test
  void exceptionFromMainReachesTheLauncherWhichExitsWithStatus1() throws Exception {
    Outcome outcome =
        finish(start(launchJson("demo.app.Main", ProcessHandle.current().pid(), "fail")));

    assertThat(outcome.err())
        .contains(
            "Exception in thread \"main\" java.lang.IllegalStateException: main failed on purpose")
        // The loader name in front of the class says which module version threw.
        .contains("at app@v0//demo.app.Main.main(Main.java:");
    assertThat(outcome.exitCode()).isEqualTo(1);
  }

  @Test
  void applicationEndsWithStatus1WhenServeEnds() throws Exception {
    Process serve = new ProcessBuilder("sleep", "60").start(); // Any process will do.
    Process application = start(launchJson("demo.app.Main", serve.pid(), "wait"));
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.equals("waiting"));
      assertThat(line).isEqualTo("waiting");
      serve.destroy();

      assertThat(application.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(application.exitValue()).isEqualTo(1);
      assertThat(new String(application.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("[hotpatch] serve (process " + serve.pid() + ") has ended");
    } finally {
      application.destroyForcibly();
      serve.destroyForcibly();
    }
  }

  @Test
  void missingMainClassIsOneClearLine() throws Exception {
    Outcome outcome = finish(start(launchJson("demo.app.Nope", 0)));

    assertThat(outcome.errLines())
        .singleElement(STRING)
        .startsWith("[hotpatch] Main class demo.app.Nope not found in module app@v0.");
    assertThat(outcome.exitCode()).isEqualTo(1);
  }
}
