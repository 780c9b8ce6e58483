package dev.hotpatch.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.RestartResult;
import dev.hotpatch.runtime.StableClasses;
import dev.hotpatch.runtime.TestWorkspace;
import dev.hotpatch.runtime.channel.LaunchManifest;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warm restarts of a Spring Boot web application, in a JVM started by {@link WarmRestartMemoryIT}.
 * Spring Boot is on this JVM's class path, so the system loader plays the libraries loader.
 */
final class WarmRestartScenarios {
  private static final int RESTARTS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String APPLICATION =
      """
      package demo.web;
      import java.util.ArrayList;
      import java.util.List;
      import org.springframework.boot.SpringApplication;
      import org.springframework.boot.autoconfigure.SpringBootApplication;
      import org.springframework.web.bind.annotation.GetMapping;
      import org.springframework.web.bind.annotation.RestController;
      @SpringBootApplication
      @RestController
      public class Application {
        // Something to keep per start: what a leak would keep too.
        static final List<byte[]> STATE = new ArrayList<>();
        public static void main(String[] args) {
          STATE.add(new byte[1 << 20]);
          SpringApplication.run(Application.class, args);
        }
        @GetMapping("/")
        public Reply answer() {
          return new Reply("up", STATE.size());
        }
        public record Reply(String status, int states) {}
      }
      """;

  private WarmRestartScenarios() {}

  static void twentyRestartsOfASpringBootApplication(Path folder) throws Exception {
    TestWorkspace workspace = new TestWorkspace(folder.resolve("workspace"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      workspace.withLibrary(Path.of(entry));
    }
    ModuleVersion web =
        workspace.module("web", 0, List.of(), Map.of("demo.web.Application", APPLICATION));
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path launchJson = folder.resolve("launch.json");
    writeManifest(launchJson, web, 0, port);
    ClassLoader libraries = ClassLoader.getSystemClassLoader();
    Starts starts = Starts.first(launchJson, LaunchManifest.read(launchJson), libraries, null);
    starts.runtime().installBridge("web");
    WeakReference<ClassLoader> firstStable = new WeakReference<>(starts.runtime().stableLoader());
    WeakReference<ClassLoader> firstModule = new WeakReference<>(starts.runtime().loader("web"));
    runFirstMain(starts, port);
    awaitAnswer(port);

    List<WeakReference<ClassLoader>> early = new ArrayList<>();
    long metaspaceAt10 = 0;
    for (int restart = 1; restart <= RESTARTS; restart++) {
      writeManifest(launchJson, web, restart, port);
      AtomicReference<RestartResult> result = new AtomicReference<>();
      starts.restart(restart, "s." + restart, Duration.ofSeconds(5), result::set);
      assertThat(result.get().ok()).as("restart %d: %s", restart, result.get()).isTrue();
      awaitAnswer(port);
      if (restart <= 3) {
        early.add(new WeakReference<>(starts.runtime().stableLoader()));
      }
      if (restart == 10) {
        metaspaceAt10 = metaspaceAfterGc();
      }
    }
    long metaspaceAt20 = metaspaceAfterGc();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline
        && (firstStable.get() != null
            || firstModule.get() != null
            || early.stream().anyMatch(loader -> loader.get() != null))) {
      System.gc();
      Thread.sleep(50);
    }
    assertThat(firstStable.get()).as("the first start's stable layer").isNull();
    assertThat(firstModule.get()).as("the first start's module loader").isNull();
    assertThat(early).as("the stable layers of restarts 1 to 3").allMatch(r -> r.get() == null);
    System.out.println(
        "metaspace after 10 restarts: "
            + metaspaceAt10 / 1024
            + " KiB, after 20: "
            + metaspaceAt20 / 1024
            + " KiB");
    // A start of this application defines some hundred classes of its own (proxies included):
    // kept, ten starts would add megabytes.
    assertThat(metaspaceAt20 - metaspaceAt10)
        .as("metaspace growth from restart 10 to 20, in bytes")
        .isLessThan(2L << 20);
  }

  /**
   * Runs the first start's main on a thread that ends with it, as the JVM's main thread does; in a
   * method of its own, so that no local variable of the scenario holds the first start's classes.
   */
  private static void runFirstMain(Starts starts, int port) throws Exception {
    Method main = MainMethods.find(starts.runtime().loader("web"), "demo.web.Application");
    String[] args = {"--server.port=" + port, "--server.address=127.0.0.1"};
    Thread first =
        new Thread(
            () -> {
              try {
                main.invoke(null, (Object) args);
              } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
              }
            },
            "main");
    first.setContextClassLoader(starts.runtime().loader("web"));
    first.start();
    first.join();
  }

  private static void writeManifest(Path file, ModuleVersion web, int start, int port)
      throws Exception {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("protocol", dev.hotpatch.protocol.Protocol.VERSION);
    manifest.put("buildId", "s." + start);
    manifest.put("mainClass", "demo.web.Application");
    manifest.put("mainModule", "web");
    manifest.put("args", List.of("--server.port=" + port, "--server.address=127.0.0.1"));
    manifest.put("libraries", List.of());
    Map<String, Object> module = new LinkedHashMap<>();
    module.put("name", "web");
    module.put("version", web.version());
    module.put("classes", web.classes().stream().map(Path::toString).toList());
    module.put("dependencies", List.of());
    manifest.put("modules", List.of(module));
    manifest.put("stableClasses", StableClasses.of(List.of(web)));
    manifest.put("patchRoots", List.of());
    Files.writeString(file, JSON.writeValueAsString(manifest));
  }

  private static void awaitAnswer(int port) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          // A fresh start of main: a kept static would say more than one.
          assertThat(response.body()).isEqualTo("{\"status\":\"up\",\"states\":1}");
          return;
        }
      } catch (java.io.IOException e) {
        last = e;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the application did not answer on port " + port, last);
  }

  private static long metaspaceAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace")) {
        return pool.getUsage().getUsed();
      }
    }
    throw new AssertionError("no Metaspace pool");
  }
}
