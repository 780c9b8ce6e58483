package dev.hotpatch.serve.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.serve.ApplicationSpec;
import dev.hotpatch.serve.ServeException;
import dev.hotpatch.serve.ServeRequest;
import dev.hotpatch.serve.app.MainClassLocator;
import dev.hotpatch.serve.build.Layer;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.channel.RemoteKeys;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a bundle: a folder (and a zip of it) that runs the application anywhere a JDK 17 runs, and
 * connects it to serve's remote channel. It holds the runtime, the libraries, the modules' current
 * builds, a launch manifest whose paths are relative to it, the connection secret (owner-only) and
 * {@code run.sh}; nothing in it names a path of the reactor.
 */
public final class BundleWriter {
  /** The bundle's folder, relative to the reactor's root; the zip is beside it. */
  public static final String FOLDER = "target/hotpatch/bundle";

  private static final String BOOT_CLASS = "dev.hotpatch.runtime.boot.Boot";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BundleWriter() {}

  /**
   * Writes the bundle of {@code request}'s application.
   *
   * @param connect {@code HOST:PORT} where the application will reach serve's remote channel
   * @return the bundle's folder
   */
  public static Path write(ServeRequest request, RemoteKeys keys, String connect)
      throws ServeException {
    if (request.severalApplications()) {
      throw new ServeException(
          "mvn hotpatch:bundle bundles one application, and the configuration names "
              + request.applications().size()
              + ". Name one main class with -Dhotpatch.mainClass.");
    }
    ApplicationSpec spec = request.applications().get(0);
    MainClassLocator.MainClass main =
        MainClassLocator.locate(request.workspace(), spec.mainClass());
    Workspace modules = request.workspace().closureOf(main.module());
    Path bundle = request.workspace().root().resolve(FOLDER);
    try {
      deleteRecursively(bundle);
      Files.createDirectories(bundle.resolve("layers"));
      copy(request.runtimeJar(), bundle.resolve("hotpatch/hotpatch-runtime.jar"));
      copy(request.apiJar(), bundle.resolve("hotpatch/hotpatch-api.jar"));
      List<String> libraries = copyLibraries(main.module(), bundle);
      List<ModuleBuild> builds = new ArrayList<>();
      for (WorkspaceModule module : modules.modules()) {
        Path copied = bundle.resolve("modules").resolve(module.name());
        copyTree(module.outputDirectory(), copied);
        builds.add(
            new ModuleBuild(
                module.name(),
                0,
                List.of(Layer.of(copied)),
                module.dependencies(),
                ModuleSnapshot.ofDirectory(copied)));
      }
      writeOwnerOnly(bundle.resolve("connection/secret"), keys.secret());
      Map<String, Object> manifest =
          manifest(main, spec, keys, connect, libraries, builds, new PatchPlanner(modules));
      Files.writeString(
          bundle.resolve("launch.json"),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
      Path run = bundle.resolve("run.sh");
      Files.writeString(run, runScript(main, spec, connect));
      Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
      zip(bundle, bundle.resolveSibling("bundle.zip"));
    } catch (IOException e) {
      throw new ServeException(
          "Cannot write the bundle into "
              + bundle
              + " ("
              + e.getMessage()
              + "). Check that the"
              + " folder is writable and the disk has room, then run mvn hotpatch:bundle again.",
          e);
    }
    return bundle;
  }

  private static Map<String, Object> manifest(
      MainClassLocator.MainClass main,
      ApplicationSpec spec,
      RemoteKeys keys,
      String connect,
      List<String> libraries,
      List<ModuleBuild> builds,
      PatchPlanner planner) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put(Fields.PROTOCOL, Protocol.VERSION);
    manifest.put("sessionId", keys.id());
    manifest.put("buildId", keys.id() + ".bundle");
    manifest.put("serverUri", "wss://" + connect + "/hotpatch");
    manifest.put("serverFingerprint", keys.fingerprint());
    manifest.put("tokenFile", "connection/secret");
    manifest.put("mainClass", main.className());
    manifest.put("mainModule", main.module().name());
    manifest.put("args", spec.args());
    manifest.put("libraries", libraries);
    List<Map<String, Object>> modules = new ArrayList<>();
    for (ModuleBuild build : builds) {
      Map<String, Object> module = new LinkedHashMap<>();
      module.put("name", build.name());
      module.put("version", 0);
      module.put("classes", List.of("modules/" + build.name()));
      module.put("dependencies", build.dependencies());
      modules.add(module);
    }
    manifest.put("modules", modules);
    manifest.put("stableClasses", planner.stableClasses(builds));
    manifest.put("patchRoots", List.of("layers"));
    manifest.put("layersFolder", "layers");
    return manifest;
  }

  /** The third-party jars, each under a name of its own in {@code lib/}. */
  private static List<String> copyLibraries(WorkspaceModule main, Path bundle) throws IOException {
    List<String> libraries = new ArrayList<>();
    int index = 0;
    for (Path library : new LinkedHashSet<>(main.runtimeClasspath())) {
      String name = "lib/" + (++index) + "-" + library.getFileName();
      if (Files.isDirectory(library)) {
        copyTree(library, bundle.resolve(name));
      } else {
        copy(library, bundle.resolve(name));
      }
      libraries.add(name);
    }
    return libraries;
  }

  /**
   * Runs the application from the bundle's folder, and again whenever it exits with {@link
   * Protocol#BUNDLE_RESTART_EXIT}, the answer to serve's restart.
   */
  private static String runScript(
      MainClassLocator.MainClass main, ApplicationSpec spec, String connect) {
    StringBuilder jvmArgs = new StringBuilder();
    for (String arg : spec.jvmArgs()) {
      jvmArgs.append(' ').append(shellQuoted(arg));
    }
    return """
        #!/bin/sh
        # Runs %s from this bundle, patched by hotpatch serve at %s.
        # HOTPATCH_CONNECT=HOST:PORT reaches serve elsewhere (its certificate stays pinned);
        # JAVA_OPTS adds options of the JVM; JAVA_HOME chooses the JDK (17 or later).
        cd "$(dirname "$0")" || exit 1
        java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
        while :; do
          # shellcheck disable=SC2086
          "$java" --add-opens java.base/java.lang=ALL-UNNAMED%s $JAVA_OPTS \\
            -javaagent:hotpatch/hotpatch-runtime.jar -cp hotpatch/hotpatch-runtime.jar \\
            %s hotpatch/hotpatch-api.jar launch.json
          code=$?
          [ "$code" -eq %d ] || exit "$code"
        done
        """
        .formatted(main.className(), connect, jvmArgs, BOOT_CLASS, Protocol.BUNDLE_RESTART_EXIT);
  }

  private static String shellQuoted(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text + "\n", StandardCharsets.US_ASCII);
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /**
   * The folder as a zip, entries under {@code bundle/}, so that it unpacks into a folder of its
   * own.
   */
  private static void zip(Path folder, Path zip) throws IOException {
    // It holds the secret: readable by its owner only, as connection/secret is.
    Files.deleteIfExists(zip);
    Files.createFile(
        zip, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream entries = new ZipOutputStream(out);
        Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted().toList()) {
        String name = "bundle/" + folder.relativize(path).toString().replace('\\', '/');
        if (Files.isDirectory(path)) {
          entries.putNextEntry(new ZipEntry(name.endsWith("/") ? name : name + "/"));
        } else {
          entries.putNextEntry(new ZipEntry(name));
          Files.copy(path, entries);
        }
        entries.closeEntry();
      }
    }
  }
}
