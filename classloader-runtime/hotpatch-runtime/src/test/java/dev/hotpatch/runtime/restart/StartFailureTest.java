package dev.hotpatch.runtime.restart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import org.junit.jupiter.api.Test;

class StartFailureTest {
  @Test
  void aPortStillBoundCallsForANewJvm() {
    Exception failure =
        new IllegalStateException(
            "Port 8080 is already in use", new BindException("Address already in use"));

    assertThat(StartFailure.boundPort(failure))
        .isEqualTo(
            "its new start could not bind a port (Address already in use): the stopped start"
                + " still holds it. Close the server in Hot.onStop or @PreDestroy");
  }

  @Test
  void anApplicationErrorWaitsForAFix() {
    Exception failure =
        new IllegalStateException(
            "Error creating bean with name 'shop'\nmore lines",
            new IllegalArgumentException("no price"));

    assertThat(StartFailure.boundPort(failure)).isNull();
    assertThat(StartFailure.describe(failure))
        .isEqualTo(
            "java.lang.IllegalStateException: Error creating bean with name 'shop' (caused by"
                + " java.lang.IllegalArgumentException: no price)");
  }

  @Test
  void aCauseThatTheMessageRepeatsIsSaidOnce() {
    Exception failure =
        new IllegalStateException(
            "Error creating bean: No qualifying bean of type 'Runnable' available",
            new IllegalArgumentException("No qualifying bean of type 'Runnable' available"));

    assertThat(StartFailure.describe(failure))
        .isEqualTo(
            "java.lang.IllegalStateException: Error creating bean: No qualifying bean of type"
                + " 'Runnable' available");
  }
}
