package dev.hotpatch.runtime.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoTlsContextTest {
  @Test
  void refusesToMakeATlsEngine() {
    NoTlsContext context = new NoTlsContext();
    assertThatThrownBy(context::createSSLEngine)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("TLS is only for a remote one");
    assertThatThrownBy(context::getSocketFactory).isInstanceOf(UnsupportedOperationException.class);
    assertThat(context.getDefaultSSLParameters()).isNotNull();
  }
}
