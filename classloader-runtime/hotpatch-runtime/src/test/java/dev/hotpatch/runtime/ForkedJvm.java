package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.runtime.boot.Agent;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Runs one scenario of a test in a JVM of its own, for what a test JVM cannot give: the hotpatch
 * agent, or a small heap. A scenario is a static method taking a folder; it passes when it returns.
 */
public final class ForkedJvm {
  private static final String PASSED = "SCENARIO PASSED";

  private ForkedJvm() {}

  /**
   * Runs {@code scenario.method(folder)} in a new JVM with the test's class path and {@code
   * options}, and fails the calling test with the child's output unless the scenario passed.
   */
  public static void run(Path folder, List<String> options, Class<?> scenario, String method)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ForkedJvm.class.getName());
    command.add(scenario.getName());
    command.add(method);
    command.add(folder.toString());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Read while it runs: a child that fills the pipe would block.
    byte[] output = child.getInputStream().readAllBytes();
    boolean ended = child.waitFor(5, TimeUnit.MINUTES);
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(ended).as("the forked JVM ended: %s", text).isTrue();
    assertThat(text)
        .as("output of %s.%s in a forked JVM", scenario.getSimpleName(), method)
        .contains(PASSED);
    assertThat(child.exitValue()).isZero();
  }

  /**
   * A jar holding nothing but a manifest that names the hotpatch agent, found on the class path.
   */
  public static Path agentJar(Path folder) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", Agent.class.getName());
    manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
    Files.createDirectories(folder);
    Path jar = folder.resolve("agent.jar");
    try (OutputStream out = Files.newOutputStream(jar)) {
      new JarOutputStream(out, manifest).close();
    }
    return jar;
  }

  /** The child's entry point: class, method and folder of the scenario. */
  public static void main(String[] args) throws ReflectiveOperationException {
    try {
      Method scenario = Class.forName(args[0]).getDeclaredMethod(args[1], Path.class);
      scenario.setAccessible(true);
      scenario.invoke(null, Path.of(args[2]));
    } catch (InvocationTargetException e) {
      e.getCause().printStackTrace();
      System.exit(1);
    }
    System.out.println(PASSED);
    System.exit(0);
  }
}
