package dev.hotpatch.serve;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(request.args()).isEmpty();
    assertThat(request.jvmArgs()).isEmpty();
    assertThat(request.mainClass()).isNull();
    assertThat(request.eventsFile()).isNull();
    assertThat(request.workingDirectory()).isNull();
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
}
