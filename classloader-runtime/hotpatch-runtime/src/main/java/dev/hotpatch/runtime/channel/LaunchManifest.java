package dev.hotpatch.runtime.channel;

import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.ModuleVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launch manifest ({@code launch.json}) that {@code serve} writes before it starts the
 * application; see the protocol page of the site.
 *
 * @param serverUri where to fetch patches; {@code null} runs the application without a patch client
 * @param tokenFile the file holding the session secret; {@code null} exactly when {@code serverUri}
 *     is
 * @param parentPid the {@code serve} process, whose end ends the application; 0 for none
 * @param buildId names this start of the application; every patch must carry it
 * @param patchRoots the folders (real paths) that every class folder of a patch must lie in; a
 *     manifest without them admits no patch
 * @param hooksPendingFile a file to create at start and have deleted once the shutdown hooks are
 *     done, so that serve need not wait for the JVM's exit after them; {@code null} for none
 * @param stableClasses the classes of the stable layer (binary names) by module, as module-diff
 *     computed them at build time
 * @param mainFailedFile a file to create when the application's main method throws, so that serve
 *     can tell a crash from a deliberate exit with the same code; {@code null} for none
 * @param serverFingerprint the SHA-256 of serve's certificate, which a {@code wss} server must
 *     present; {@code null} for a loopback {@code ws} server
 * @param layersFolder where a remote application writes the layers that its patches carry, one of
 *     {@code patchRoots}; {@code null} for a local application, whose patches name serve's folders
 */
public record LaunchManifest(
    int protocol,
    String sessionId,
    String buildId,
    URI serverUri,
    Path tokenFile,
    long parentPid,
    String mainClass,
    String mainModule,
    List<String> args,
    List<Path> libraries,
    List<ModuleVersion> modules,
    Map<String, List<String>> stableClasses,
    List<Path> patchRoots,
    Path hooksPendingFile,
    Path mainFailedFile,
    String serverFingerprint,
    Path layersFolder) {
  public LaunchManifest {
    patchRoots = List.copyOf(patchRoots);
    args = List.copyOf(args);
    libraries = List.copyOf(libraries);
    modules = List.copyOf(modules);
    stableClasses = Map.copyOf(stableClasses);
  }

  public static LaunchManifest read(Path file) throws LaunchException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LaunchException(
          "Cannot read the launch manifest "
              + file
              + ": "
              + e
              + ". Start the application with mvn"
              + " hotpatch:serve, which writes it.",
          e);
    }
    try {
      return parse(text, file.toAbsolutePath().getParent());
    } catch (MalformedJsonException e) {
      throw new LaunchException(
          "Invalid launch manifest "
              + file
              + ": "
              + e.getMessage()
              + ". Use the same hotpatch version for the plugin and the runtime.",
          e);
    }
  }

  /**
   * @param folder the manifest's folder, against which its relative paths are resolved: a bundle
   *     copied to another host names its files relative to itself
   */
  static LaunchManifest parse(String text, Path folder) throws MalformedJsonException {
    Map<String, Object> root = Json.parseObject(text);
    long protocol = Json.integer(root, Fields.PROTOCOL);
    if (protocol != Protocol.VERSION) {
      throw new MalformedJsonException(
          "it speaks protocol "
              + protocol
              + ", this runtime supports protocol "
              + Protocol.VERSION
              + " only");
    }
    String server = Json.optionalText(root, "serverUri");
    URI serverUri = null;
    Path tokenFile = null;
    String fingerprint = Json.optionalText(root, "serverFingerprint");
    String sessionId = Json.optionalText(root, "sessionId");
    String buildId = Json.optionalText(root, "buildId");
    if (server != null) {
      try {
        serverUri = new URI(server);
      } catch (URISyntaxException e) {
        throw new MalformedJsonException("field \"serverUri\" is not a URI: " + server, e);
      }
      tokenFile = folder.resolve(Json.text(root, "tokenFile"));
      sessionId = Json.text(root, "sessionId");
      buildId = Json.text(root, "buildId");
      checkTransport(serverUri, fingerprint);
    }
    List<ModuleVersion> modules =
        Json.modules(root, Fields.MODULES).stream().map(m -> resolved(m, folder)).toList();
    String mainModule = Json.text(root, "mainModule");
    if (modules.stream().noneMatch(module -> module.name().equals(mainModule))) {
      throw new MalformedJsonException(
          "the main module " + mainModule + " is not one of its modules");
    }
    return new LaunchManifest(
        (int) protocol,
        sessionId,
        buildId,
        serverUri,
        tokenFile,
        Json.optionalInteger(root, "parentPid", 0),
        Json.text(root, "mainClass"),
        mainModule,
        Json.texts(root, "args"),
        resolved(Json.paths(root, "libraries"), folder),
        modules,
        stableClasses(root, modules),
        resolved(Json.paths(root, "patchRoots"), folder),
        optionalPath(root, "hooksPendingFile", folder),
        optionalPath(root, "mainFailedFile", folder),
        fingerprint,
        optionalPath(root, "layersFolder", folder));
  }

  /**
   * Loopback takes plain {@code ws}; anything else is serve's remote channel, which is always TLS
   * with a pinned certificate.
   */
  private static void checkTransport(URI serverUri, String fingerprint)
      throws MalformedJsonException {
    String scheme = serverUri.getScheme();
    if ("wss".equals(scheme)) {
      if (fingerprint == null) {
        throw new MalformedJsonException(
            "field \"serverUri\" is a wss address but \"serverFingerprint\" is missing");
      }
    } else if ("ws".equals(scheme)) {
      if (fingerprint != null) {
        throw new MalformedJsonException(
            "field \"serverFingerprint\" needs a wss \"serverUri\", not " + serverUri);
      }
    } else {
      throw new MalformedJsonException(
          "field \"serverUri\" must be a ws or wss address, not " + serverUri);
    }
  }

  private static List<Path> resolved(List<Path> paths, Path folder) {
    return paths.stream().map(folder::resolve).toList();
  }

  private static ModuleVersion resolved(ModuleVersion module, Path folder) {
    return new ModuleVersion(
        module.name(),
        module.version(),
        resolved(module.classes(), folder),
        module.deleted(),
        module.dependencies());
  }

  /** {@code "stableClasses": {"lib": ["lib.Quote"]}}; absent means an empty stable layer. */
  private static Map<String, List<String>> stableClasses(
      Map<String, Object> root, List<ModuleVersion> modules) throws MalformedJsonException {
    Object value = root.get("stableClasses");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> byModule)) {
      throw new MalformedJsonException(
          "field \"stableClasses\" is not an object of class-name arrays by module");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Object module : byModule.keySet()) {
      if (modules.stream().noneMatch(m -> m.name().equals(module))) {
        throw new MalformedJsonException(
            "field \"stableClasses\" names " + module + ", which is not one of its modules");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = (Map<String, Object>) byModule;
      out.put((String) module, List.copyOf(Json.texts(entry, (String) module)));
    }
    return out;
  }

  private static Path optionalPath(Map<String, Object> root, String field, Path folder)
      throws MalformedJsonException {
    String text = Json.optionalText(root, field);
    return text == null ? null : folder.resolve(text);
  }
}
