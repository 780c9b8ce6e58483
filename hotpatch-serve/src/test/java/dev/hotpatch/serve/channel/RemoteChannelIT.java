package dev.hotpatch.serve.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.diff.ModuleDiff;
import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.PlannedModule;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.PatchResult;
import dev.hotpatch.runtime.channel.PatchClient;
import dev.hotpatch.serve.build.Layer;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.testing.NodePeer;
import dev.hotpatch.testing.TcpRelay;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's remote channel on another loopback address than serve's own, 127.0.0.2: the runtime's
 * real client connects over TLS when it pins serve's certificate and sends the remote secret, and
 * is refused by its own check when the certificate is another; an independent Node.js client
 * without the secret, and a plain-text client, are refused by serve. Patches over it carry their
 * layers, which the client writes into its own folder.
 */
class RemoteChannelIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUILD = "remote.1";

  @TempDir Path folder;
  private final ConcurrentLinkedQueue<String> rejections = new ConcurrentLinkedQueue<>();
  private final LinkedBlockingQueue<Long> connected = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<Map<String, Map<String, String>>> said =
      new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private RemoteKeys keys;
  private PatchServer server;

  @BeforeEach
  void startServer() throws Exception {
    originalErr = System.err;
    System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    keys = RemoteKeys.loadOrCreate(folder.resolve("remote"), false);
    server =
        PatchServer.startRemote(
            new Address("127.0.0.2", 0),
            keys,
            new PatchServer.Listener() {
              @Override
              public void connected(long pid) {
                connected.add(pid);
              }

              @Override
              public void connectedRemote(long pid, Map<String, Map<String, String>> content) {
                said.add(content == null ? Map.of() : content);
                connected.add(pid);
              }

              @Override
              public void disconnected() {}

              @Override
              public void rejected(String line) {
                rejections.add(line);
              }
            });
    server.expect(BUILD);
    server.launched(BUILD, ProcessHandle.current().pid());
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
    System.setErr(originalErr);
  }

  private PatchClient client(String secret, String fingerprint) throws Exception {
    Path token = Files.writeString(folder.resolve("secret-" + secret.hashCode()), secret);
    return PatchClient.start(
        new PatchClient.Settings(
            server.uri(),
            token,
            keys.id(),
            BUILD,
            List.of(folder),
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            fingerprint,
            null,
            null),
        (patchId, modules) -> PatchResult.applied(patchId, 1, 0, List.of()));
  }

  private String stderr() {
    return errors.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theRuntimeConnectsOverTlsWhenItPinsServesCertificate() throws Exception {
    assertThat(server.uri().toString()).startsWith("wss://127.0.0.2:");

    try (PatchClient client = client(keys.secret(), keys.fingerprint())) {
      Long pid = connected.poll(20, TimeUnit.SECONDS);
      assertThat(pid)
          .as("stderr: %s, serve: %s", stderr(), rejections)
          .isEqualTo(ProcessHandle.current().pid());
    }
    assertThat(rejections).isEmpty();
  }

  @Test
  void anotherCertificateIsRefusedByTheApplicationBeforeItSendsTheSecret() throws Exception {
    RemoteKeys other = RemoteKeys.loadOrCreate(folder.resolve("other"), false);
    assertThat(other.fingerprint()).isNotEqualTo(keys.fingerprint());

    try (PatchClient client = client(keys.secret(), other.fingerprint())) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> stderr().contains("the TLS handshake failed"));
    }
    assertThat(stderr())
        .contains(
            "the server's certificate has fingerprint "
                + keys.fingerprint()
                + ", not the one in the connection file");
    assertThat(connected).isEmpty();
    // The handshake ended before any HTTP request: serve never saw the secret.
    assertThat(rejections).isEmpty();
  }

  @Test
  void aWrongSecretIsRefusedOverTlsAndSaidOnce() throws Exception {
    try (PatchClient client = client("0".repeat(64), keys.fingerprint())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> stderr().contains("HTTP 401"));
    }
    assertThat(connected).isEmpty();
    assertThat(rejections).containsExactly("Refused a connection with a wrong session secret.");
  }

  @Test
  void anIndependentClientIsRefusedWithoutTheSecretAndAPlainTextClientGetsNoWebSocket()
      throws Exception {
    String insecure = JSON.writeValueAsString(Map.of("rejectUnauthorized", false));
    try (NodePeer peer =
        NodePeer.start(
            "attack-serve.js",
            server.uri().toString(),
            JSON.writeValueAsString(Map.of("Authorization", "Bearer " + "1".repeat(64))),
            insecure)) {
      assertThat(peer.await("refused").get("status").asInt()).isEqualTo(401);
    }
    String plain = server.uri().toString().replace("wss://", "ws://");
    try (NodePeer peer =
        NodePeer.start(
            "attack-serve.js",
            plain,
            JSON.writeValueAsString(Map.of("Authorization", "Bearer " + keys.secret())))) {
      peer.await("error");
      assertThat(peer.seen()).noneMatch(event -> event.path("event").asText().equals("open"));
    }
    assertThat(connected).isEmpty();
  }

  @Test
  void theKeysOutliveASessionUntilRotatedAndOnlyTheirOwnerMayReadThem() throws Exception {
    RemoteKeys again = RemoteKeys.loadOrCreate(folder.resolve("remote"), false);
    assertThat(again).isEqualTo(keys);

    RemoteKeys rotated = RemoteKeys.loadOrCreate(folder.resolve("remote"), true);
    assertThat(rotated.fingerprint()).isNotEqualTo(keys.fingerprint());
    assertThat(rotated.secret()).isNotEqualTo(keys.secret());
    try (var files = Files.list(folder.resolve("remote"))) {
      files.forEach(
          file -> {
            try {
              assertThat(Files.getPosixFilePermissions(file))
                  .extracting(Object::toString)
                  .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
  }

  /** Serve's build of module lib: version 0 is its class folder, each later one adds a layer. */
  private ModuleBuild libBuild(int version, List<Layer> layers) {
    return new ModuleBuild("lib", version, layers, List.of(), ModuleSnapshot.of(Map.of()));
  }

  private static PatchPlanner.Step newLoader(ModuleBuild build) {
    ModuleSnapshot none = ModuleSnapshot.of(Map.of());
    return new PatchPlanner.Step(
        build,
        new PlannedModule(build.name(), PlannedModule.Strategy.NEW_LOADER, "test"),
        ModuleDiff.compare(none, none),
        Set.of());
  }

  private static Path write(Path folder, String name, String text) throws Exception {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void aPatchCarriesWhatTheNewBuildAddsAndTheApplicationLoadsItFromItsOwnFolder() throws Exception {
    // The application runs lib from its bundle; serve's build of it is the reactor's.
    Path bundled = folder.resolve("bundle/modules/lib");
    write(bundled, "lib/A.class", "a0");
    write(bundled, "lib/B.class", "b0");
    Path classes = folder.resolve("reactor/lib/target/classes");
    write(classes, "lib/A.class", "a0");
    write(classes, "lib/B.class", "b0");
    Path layer = folder.resolve("session/lib/1");
    write(layer, "lib/A.class", "a1");
    write(layer, "lib/C.class", "c1");
    // Serve's first build has the same files as the bundle.
    ModuleBuild started = libBuild(0, List.of(Layer.of(classes)));
    ModuleBuild patched =
        libBuild(1, List.of(new Layer(layer, Set.of("lib/B.class")), Layer.of(classes)));

    Path layers = folder.resolve("bundle/layers");
    List<ModuleVersion> current =
        new java.util.concurrent.CopyOnWriteArrayList<>(
            List.of(new ModuleVersion("lib", 0, List.of(bundled), List.of())));
    LinkedBlockingQueue<ModuleVersion> loaded = new LinkedBlockingQueue<>();
    Path token = Files.writeString(folder.resolve("secret"), keys.secret());
    try (PatchClient client =
        PatchClient.start(
            new PatchClient.Settings(
                server.uri(),
                token,
                keys.id(),
                BUILD,
                List.of(folder.resolve("bundle")),
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                keys.fingerprint(),
                layers,
                null),
            (patchId, modules) -> {
              current.set(0, modules.get(0).module());
              loaded.add(modules.get(0).module());
              return PatchResult.applied(patchId, 1, 0, List.of());
            },
            (restartId, next, timeout, answer) -> {},
            () -> current)) {
      assertThat(connected.poll(20, TimeUnit.SECONDS)).isNotNull();

      // Its hello said what it has: A and B as bundled.
      Map<String, Map<String, String>> has = said.poll(10, TimeUnit.SECONDS);
      assertThat(has.get("lib")).containsOnlyKeys("lib/A.class", "lib/B.class");
      RemoteDelivery delivery = new RemoteDelivery(server);
      delivery.connected(has);
      assertThat(delivery.differs(started)).isFalse();
      assertThat(delivery.differs(patched)).isTrue();
      assertThat(delivery.send(1, List.of(newLoader(patched))).failure()).isNull();

      ModuleVersion version = loaded.poll(10, TimeUnit.SECONDS);
      assertThat(version.classes()).hasSize(2);
      Path received = version.classes().get(0);
      assertThat(received).startsWith(layers.resolve("lib"));
      assertThat(version.classes().get(1)).isEqualTo(bundled);
      assertThat(version.deleted().get(0)).containsExactly("lib/B.class");
      assertThat(Files.readString(received.resolve("lib/A.class"))).isEqualTo("a1");
      assertThat(Files.readString(received.resolve("lib/C.class"))).isEqualTo("c1");
      assertThat(received.resolve("lib/B.class")).doesNotExist();

      // Once applied, serve knows the application has it.
      assertThat(delivery.differs(patched)).isFalse();

      // Without a listing, serve cannot relate the build to what the application has: it
      // travels whole.
      delivery.connected(null);
      assertThat(delivery.send(2, List.of(newLoader(patched))).failure()).isNull();
      ModuleVersion whole = loaded.poll(10, TimeUnit.SECONDS);
      assertThat(whole.classes()).hasSize(1);
      try (var files = Files.walk(whole.classes().get(0))) {
        assertThat(
                files
                    .filter(Files::isRegularFile)
                    .map(f -> whole.classes().get(0).relativize(f).toString()))
            .containsExactlyInAnyOrder("lib/A.class", "lib/C.class");
      }
      assertThat(Files.readString(whole.classes().get(0).resolve("lib/A.class"))).isEqualTo("a1");
    }
  }

  @Test
  void aNetworkThatDropsWithoutAWordIsNoticedAndTheApplicationConnectsAgain() throws Exception {
    int port = server.uri().getPort();
    try (TcpRelay relay = TcpRelay.start("127.0.0.2", port);
        PatchClient client =
            PatchClient.start(
                new PatchClient.Settings(
                    URI.create("wss://" + relay.address() + "/hotpatch"),
                    Files.writeString(folder.resolve("secret"), keys.secret()),
                    keys.id(),
                    BUILD,
                    List.of(folder),
                    Duration.ofMillis(50),
                    Duration.ofMillis(200),
                    keys.fingerprint(),
                    null,
                    Duration.ofMillis(200)),
                (patchId, modules) -> PatchResult.applied(patchId, 1, 0, List.of()))) {
      assertThat(connected.poll(20, TimeUnit.SECONDS)).isNotNull();

      relay.freeze();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> stderr().contains("serve has not answered for"));
      relay.restore();

      // serve still holds the silent connection: the new one replaces it.
      assertThat(connected.poll(20, TimeUnit.SECONDS)).isNotNull();
      assertThat(rejections).isEmpty();
    }
  }

  @Test
  void aSecondInstanceOfTheBundleTakesOverAndTheFirstStopsConnecting() throws Exception {
    try (PatchClient first = client(keys.secret(), keys.fingerprint())) {
      assertThat(connected.poll(20, TimeUnit.SECONDS)).isNotNull();
      try (PatchClient second = client(keys.secret(), keys.fingerprint())) {
        assertThat(connected.poll(20, TimeUnit.SECONDS)).isNotNull();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> stderr().contains("Another instance of this application connected"));
        // The first does not come back to take it over again.
        assertThat(connected.poll(2, TimeUnit.SECONDS)).isNull();
      }
    }
  }
}
