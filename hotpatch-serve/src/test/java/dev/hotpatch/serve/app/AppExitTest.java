package dev.hotpatch.serve.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppExitTest {
  @Test
  void systemExitWithAnyCodeIsDeliberate() {
    assertThat(AppExit.of(3, false, false).crashed()).isFalse();
    assertThat(AppExit.of(1, false, false).crashed()).isFalse();
  }

  @Test
  void mainThatThrewIsACrash() {
    assertThat(AppExit.of(1, false, true).crash()).isEqualTo("an uncaught exception ended main");
  }

  @Test
  void exitCodeChosenAfterMainThrewIsDeliberate() {
    assertThat(AppExit.of(4, false, true).crashed()).isFalse();
  }

  @Test
  void signalThatServeDidNotSendIsACrashNamingTheSignal() {
    assertThat(AppExit.of(137, false, false).crash()).isEqualTo("killed by signal 9 (SIGKILL)");
    assertThat(AppExit.of(134, false, false).crash()).contains("hs_err_pid");
  }

  @Test
  void stopByServeIsNoCrash() {
    assertThat(AppExit.of(143, true, false).crashed()).isFalse();
  }
}
