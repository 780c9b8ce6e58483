package dev.hotpatch.serve.channel;

import dev.hotpatch.serve.ServeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a remote application trusts and proves, kept with the reactor in {@code
 * target/hotpatch/remote/} and readable by its owner only: serve's certificate and key (a PKCS #12
 * key store made by the JDK's {@code keytool}), the key store's password, the remote secret and the
 * channel's id. They outlive serve sessions, so that a bundle baked into an image keeps working,
 * until the user rotates them ({@code -Dhotpatch.rotateKeys}, or deleting the folder, which {@code
 * mvn clean} does too).
 *
 * @param keyStore the PKCS #12 file holding serve's key and self-signed certificate
 * @param keyStorePassword its password
 * @param fingerprint the SHA-256 of the certificate (lower-case hex), which applications pin
 * @param secret the bearer secret a remote application must send
 * @param id names the reactor's remote channel in every hello, as a session id does locally
 */
public record RemoteKeys(
    Path keyStore, String keyStorePassword, String fingerprint, String secret, String id) {
  /** Where the keys are kept, relative to the reactor's root. */
  public static final String FOLDER = "target/hotpatch/remote";

  static final String KEY_STORE = "serve.p12";
  static final String PASSWORD = "serve.p12.password";
  static final String SECRET = "secret";
  static final String ID = "id";

  private static final String OWNER_ONLY = "rw-------";
  private static final String ALIAS = "hotpatch-serve";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  /**
   * The keys in {@code folder}, made there first when they are missing or when {@code rotate} asks
   * for new ones.
   */
  public static RemoteKeys loadOrCreate(Path folder, boolean rotate) throws ServeException {
    try {
      if (rotate || !Files.isRegularFile(folder.resolve(KEY_STORE))) {
        create(folder);
      }
      return load(folder);
    } catch (IOException | GeneralSecurityException e) {
      throw new ServeException(
          "Cannot prepare the remote channel's keys in "
              + folder
              + " ("
              + e.getMessage()
              + "). Delete that folder and run again; serve makes new keys (bundles made"
              + " before then must be made again).",
          e);
    }
  }

  private static RemoteKeys load(Path folder) throws IOException, GeneralSecurityException {
    Path keyStore = folder.resolve(KEY_STORE);
    String password = read(folder.resolve(PASSWORD));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, password.toCharArray());
    }
    Certificate certificate = store.getCertificate(ALIAS);
    if (certificate == null) {
      throw new GeneralSecurityException(keyStore + " holds no certificate named " + ALIAS);
    }
    String fingerprint =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    return new RemoteKeys(
        keyStore, password, fingerprint, read(folder.resolve(SECRET)), read(folder.resolve(ID)));
  }

  private static String read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (text.isEmpty()) {
      throw new IOException(file + " is empty");
    }
    return text;
  }

  /** New keys, replacing any there: the old ones are deleted first, so no mix of both remains. */
  private static void create(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    for (String name : List.of(KEY_STORE, PASSWORD, SECRET, ID)) {
      Files.deleteIfExists(folder.resolve(name));
    }
    SecureRandom random = new SecureRandom();
    writeOwnerOnly(folder.resolve(PASSWORD), randomHex(random, 32));
    writeOwnerOnly(folder.resolve(SECRET), randomHex(random, 32));
    writeOwnerOnly(folder.resolve(ID), randomHex(random, 8));
    generateCertificate(folder);
    Files.setPosixFilePermissions(
        folder.resolve(KEY_STORE), PosixFilePermissions.fromString(OWNER_ONLY));
  }

  /**
   * The JDK's own tool makes the key pair and the self-signed certificate; the password reaches it
   * through a file, never a command line.
   */
  private static void generateCertificate(Path folder) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(
        List.of(
            "-genkeypair",
            "-alias",
            ALIAS,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-sigalg",
            "SHA256withECDSA",
            "-validity",
            "3650",
            "-dname",
            "CN=hotpatch serve",
            "-keystore",
            folder.resolve(KEY_STORE).toString(),
            "-storetype",
            "PKCS12",
            "-storepass:file",
            folder.resolve(PASSWORD).toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(keytool + " did not end within " + KEYTOOL_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + keytool + " ran", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          keytool + " failed with exit code " + process.exitValue() + ": " + output.strip());
    }
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " appeared while serve made new keys", e);
    }
    Files.writeString(file, text + "\n", StandardCharsets.US_ASCII);
  }

  private static String randomHex(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
