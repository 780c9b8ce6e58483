package dev.hotpatch.serve.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestartRequestsTest {
  @Test
  void awaitTakesAReasonRequestedBefore() throws Exception {
    RestartRequests requests = new RestartRequests();
    requests.request("a change built");

    assertThat(requests.await()).isEqualTo("a change built");
    assertThat(requests.take()).isNull();
  }

  @Test
  void quitEndsTheWaitWithoutReason() throws Exception {
    RestartRequests requests = new RestartRequests();
    requests.request("r");
    requests.quit();

    assertThat(requests.await()).isNull();
    assertThat(requests.quitRequested()).isTrue();
  }
}
