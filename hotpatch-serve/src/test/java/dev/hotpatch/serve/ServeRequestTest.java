package dev.hotpatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.serve.watch.WatchMode;
import dev.hotpatch.serve.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServeRequestTest {
  private final Workspace workspace = new Workspace(Path.of("/w"), List.of());

  @Test
  void aSettingLeftOutHasItsDefault() {
    ServeRequest request =
        ServeRequest.builder(workspace, Path.of("api.jar"), Path.of("runtime.jar")).build();

    assertThat(request.javaExecutable())
        .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"));
    assertThat(request.watch()).isEqualTo(WatchMode.SOURCES);
    assertThat(request.debounce()).isEqualTo(WatchMode.SOURCES.defaultDebounce());
    assertThat(request.restart()).isEqualTo(RestartPolicy.AUTO);
    assertThat(request.port()).isZero();
    assertThat(request.applications())
        .containsExactly(new ApplicationSpec(null, List.of(), List.of(), null));
    assertThat(request.severalApplications()).isFalse();
    assertThat(request.eventsFile()).isNull();
    assertThat(request.quiet()).isFalse();
    assertThat(request.interactive()).isFalse();
  }

  @Test
  void theDebounceFollowsTheWatchModeUnlessSetAndNullMeansTheDefault() {
    ServeRequest.Builder builder =
        ServeRequest.builder(workspace, Path.of("api.jar"), Path.of("runtime.jar"))
            .watch(WatchMode.CLASSES)
            .restart(RestartPolicy.NEVER)
            .quiet(true);

    assertThat(builder.build().debounce()).isEqualTo(WatchMode.CLASSES.defaultDebounce());
    assertThat(builder.debounce(Duration.ofMillis(5)).build().debounce())
        .isEqualTo(Duration.ofMillis(5));
    assertThat(builder.debounce(null).restart(null).build())
        .extracting(ServeRequest::debounce, ServeRequest::restart, ServeRequest::quiet)
        .containsExactly(WatchMode.CLASSES.defaultDebounce(), RestartPolicy.AUTO, true);
  }

  @Test
  void commaSeparatedMainClassesAreApplicationsWithTheSameSettings() {
    ServeRequest request =
        ServeRequest.builder(workspace, Path.of("api.jar"), Path.of("runtime.jar"))
            .mainClass(" shop.Server, shop.Worker ,")
            .args(List.of("--port", "8080"))
            .build();

    assertThat(request.applications())
        .containsExactly(
            new ApplicationSpec("shop.Server", List.of("--port", "8080"), List.of(), null),
            new ApplicationSpec("shop.Worker", List.of("--port", "8080"), List.of(), null));
    assertThat(request.severalApplications()).isTrue();
  }

  @Test
  void anApplicationTakesTheRequestsDefaultForWhatItLeavesOut() {
    ServeRequest request =
        ServeRequest.builder(workspace, Path.of("api.jar"), Path.of("runtime.jar"))
            .jvmArgs(List.of("-Xmx256m"))
            .workingDirectory(Path.of("run"))
            .applications(
                List.of(
                    new ApplicationSpec("shop.Server", List.of("serve"), null, null),
                    new ApplicationSpec("shop.Worker", null, List.of("-Xmx1g"), Path.of("w"))))
            .build();

    assertThat(request.applications())
        .containsExactly(
            new ApplicationSpec(
                "shop.Server", List.of("serve"), List.of("-Xmx256m"), Path.of("run")),
            new ApplicationSpec("shop.Worker", List.of(), List.of("-Xmx1g"), Path.of("w")));
  }

  @Test
  void waitingForARemoteApplicationNeedsTheAddressOfTheRemoteChannel() {
    assertThatThrownBy(
            () ->
                ServeRequest.builder(workspace, Path.of("api.jar"), Path.of("runtime.jar"))
                    .remoteLaunch(true)
                    .build())
        .hasMessageContaining("open it with -Dhotpatch.listen=HOST:PORT");
    assertThat(
            ServeRequest.builder(workspace, Path.of("api.jar"), Path.of("runtime.jar"))
                .remoteLaunch(true)
                .listen(" 0.0.0.0:7711 ")
                .build()
                .listen())
        .isEqualTo("0.0.0.0:7711");
  }
}
