package dev.hotpatch.serve.build;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The folder of one serve session: the launch manifest, the secret, and one folder per module
 * version that serve compiled. Nothing in it is ever rewritten once the application may read it.
 */
public final class SessionFolder {
  private final Path root;
  private final String secret;
  private final String id;

  private SessionFolder(Path root, String secret, String id) {
    this.root = root;
    this.secret = secret;
    this.id = id;
  }

  /** Empties {@code root} of an earlier session's files and writes a fresh secret. */
  public static SessionFolder create(Path root) throws IOException {
    deleteRecursively(root);
    Files.createDirectories(root);
    SecureRandom random = new SecureRandom();
    byte[] secretBytes = new byte[32];
    random.nextBytes(secretBytes);
    byte[] idBytes = new byte[8];
    random.nextBytes(idBytes);
    SessionFolder session =
        new SessionFolder(
            root, HexFormat.of().formatHex(secretBytes), HexFormat.of().formatHex(idBytes));
    session.writeSecret();
    return session;
  }

  private void writeSecret() throws IOException {
    Path file = tokenFile();
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      // Created readable by the user only before the secret is written into it.
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, secret);
  }

  public Path root() {
    return root;
  }

  public String secret() {
    return secret;
  }

  public String id() {
    return id;
  }

  public Path tokenFile() {
    return root.resolve("token");
  }

  public Path launchManifest() {
    return root.resolve("launch.json");
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
