package dev.hotpatch.runtime.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.ModuleVersion;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchManifestTest {
  private static final String MANIFEST =
      """
{
  "protocol": 5,
  "sessionId": "a1b2c3",
  "buildId": "a1b2c3.1",
  "serverUri": "ws://127.0.0.1:40000/hotpatch",
  "tokenFile": "/ws/target/hotpatch/session/token",
  "parentPid": 4242,
  "mainClass": "shop.web.Server",
  "mainModule": "web",
  "args": ["--port", "8080"],
  "libraries": ["/repo/json.jar"],
  "modules": [
    {"name": "model", "version": 0, "classes": ["/ws/model/target/classes"], "dependencies": []},
    {"name": "web", "version": 0, "classes": ["/ws/web/target/classes"], "dependencies": ["model"]}
  ],
  "stableClasses": {"model": ["shop.model.Quote", "shop.model.Money"]},
  "patchRoots": ["/ws/target/hotpatch/session"],
  "hooksPendingFile": "/ws/target/hotpatch/session/hooks-pending-1",
  "mainFailedFile": "/ws/target/hotpatch/session/main-failed-1"
}
""";

  @TempDir Path folder;

  private static LaunchManifest parse(String text) throws MalformedJsonException {
    return LaunchManifest.parse(text, Path.of("/elsewhere"));
  }

  @Test
  void refusesStableClassesOfAModuleItDoesNotList() {
    assertThatThrownBy(() -> parse(MANIFEST.replace("{\"model\": [", "{\"api\": [")))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessage("field \"stableClasses\" names api, which is not one of its modules");
  }

  @Test
  void readsEveryField() throws Exception {
    LaunchManifest manifest =
        LaunchManifest.read(Files.writeString(folder.resolve("launch.json"), MANIFEST));

    assertThat(manifest.protocol()).isEqualTo(Protocol.VERSION);
    assertThat(manifest.sessionId()).isEqualTo("a1b2c3");
    assertThat(manifest.buildId()).isEqualTo("a1b2c3.1");
    assertThat(manifest.patchRoots()).containsExactly(Path.of("/ws/target/hotpatch/session"));
    assertThat(manifest.serverUri()).isEqualTo(URI.create("ws://127.0.0.1:40000/hotpatch"));
    assertThat(manifest.tokenFile()).isEqualTo(Path.of("/ws/target/hotpatch/session/token"));
    assertThat(manifest.parentPid()).isEqualTo(4242);
    assertThat(manifest.mainClass()).isEqualTo("shop.web.Server");
    assertThat(manifest.mainModule()).isEqualTo("web");
    assertThat(manifest.args()).containsExactly("--port", "8080");
    assertThat(manifest.libraries()).containsExactly(Path.of("/repo/json.jar"));
    assertThat(manifest.hooksPendingFile())
        .isEqualTo(Path.of("/ws/target/hotpatch/session/hooks-pending-1"));
    assertThat(manifest.mainFailedFile())
        .isEqualTo(Path.of("/ws/target/hotpatch/session/main-failed-1"));
    assertThat(manifest.stableClasses())
        .containsExactly(Map.entry("model", List.of("shop.model.Quote", "shop.model.Money")));
    assertThat(manifest.modules())
        .containsExactly(
            new ModuleVersion("model", 0, List.of(Path.of("/ws/model/target/classes")), List.of()),
            new ModuleVersion(
                "web", 0, List.of(Path.of("/ws/web/target/classes")), List.of("model")));
  }

  @Test
  void otherProtocolVersionIsRefusedNamingBoth() {
    assertThatThrownBy(() -> parse(MANIFEST.replace("\"protocol\": 5", "\"protocol\": 1")))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessage(
            "it speaks protocol 1, this runtime supports protocol " + Protocol.VERSION + " only");
  }

  @Test
  void missingFieldIsNamed() {
    assertThatThrownBy(() -> parse(MANIFEST.replace("\"mainClass\"", "\"main\"")))
        .hasMessage("field \"mainClass\" must be a non-empty string");
  }

  @Test
  void badModuleEntryIsNamedByItsPosition() {
    assertThatThrownBy(
            () ->
                parse(
                    MANIFEST.replace(
                        "\"version\": 0, \"classes\": [\"/ws/web",
                        "\"version\": -1, \"classes\": [\"/ws/web")))
        .hasMessage("modules[1]: field \"version\" must be an integer from 0 on");
  }

  @Test
  void mainModuleMustBeOneOfTheModules() {
    assertThatThrownBy(
            () -> parse(MANIFEST.replace("\"mainModule\": \"web\"", "\"mainModule\": \"api\"")))
        .hasMessage("the main module api is not one of its modules");
  }

  @Test
  void unreadableManifestNamesTheFileAndTheWayToStart() {
    Path missing = folder.resolve("nowhere.json");
    assertThatThrownBy(() -> LaunchManifest.read(missing))
        .isInstanceOf(LaunchException.class)
        .hasMessageStartingWith("Cannot read the launch manifest " + missing)
        .hasMessageContaining("mvn hotpatch:serve");
  }

  @Test
  void invalidJsonNamesTheFile() throws Exception {
    Path broken = Files.writeString(folder.resolve("launch.json"), "{\"protocol\": 5,");
    assertThatThrownBy(() -> LaunchManifest.read(broken))
        .isInstanceOf(LaunchException.class)
        .hasMessageStartingWith("Invalid launch manifest " + broken + ": it is not valid JSON");
  }

  @Test
  void withoutServerTheApplicationRunsWithoutPatchClient() throws Exception {
    LaunchManifest manifest =
        parse(MANIFEST.replace("\"serverUri\": \"ws://127.0.0.1:40000/hotpatch\",", ""));
    assertThat(manifest.serverUri()).isNull();
    assertThat(manifest.tokenFile()).isNull();
  }

  @Test
  void aServerWithoutBuildIdIsRefused() {
    assertThatThrownBy(() -> parse(MANIFEST.replace("\"buildId\": \"a1b2c3.1\",", "")))
        .hasMessage("field \"buildId\" must be a non-empty string");
  }

  @Test
  void aBundlesRelativePathsAreResolvedAgainstTheManifestsFolder() throws Exception {
    String relative =
        MANIFEST
            .replace("\"/ws/target/hotpatch/session/token\"", "\"connection/secret\"")
            .replace("\"/repo/json.jar\"", "\"lib/json.jar\"")
            .replace("\"/ws/web/target/classes\"", "\"modules/web\"");

    LaunchManifest manifest =
        LaunchManifest.read(Files.writeString(folder.resolve("launch.json"), relative));

    assertThat(manifest.tokenFile()).isEqualTo(folder.resolve("connection/secret"));
    assertThat(manifest.libraries()).containsExactly(folder.resolve("lib/json.jar"));
    assertThat(manifest.modules().get(1).classes()).containsExactly(folder.resolve("modules/web"));
    assertThat(manifest.modules().get(0).classes())
        .containsExactly(Path.of("/ws/model/target/classes"));
  }

  @Test
  void aWssServerNeedsTheFingerprintOfItsCertificateAndAWsServerTakesNone() throws Exception {
    String wss = MANIFEST.replace("ws://127.0.0.1:40000", "wss://10.0.0.5:40000");
    assertThatThrownBy(() -> parse(wss))
        .hasMessage("field \"serverUri\" is a wss address but \"serverFingerprint\" is missing");

    String pinned = wss.replace("\"parentPid\"", "\"serverFingerprint\": \"ab12\", \"parentPid\"");
    assertThat(parse(pinned).serverFingerprint()).isEqualTo("ab12");

    String plainPinned =
        MANIFEST.replace("\"parentPid\"", "\"serverFingerprint\": \"ab12\", \"parentPid\"");
    assertThatThrownBy(() -> parse(plainPinned))
        .hasMessage(
            "field \"serverFingerprint\" needs a wss \"serverUri\", not"
                + " ws://127.0.0.1:40000/hotpatch");
    assertThatThrownBy(() -> parse(MANIFEST.replace("ws://127", "http://127")))
        .hasMessageStartingWith("field \"serverUri\" must be a ws or wss address");
  }
}
