package dev.hotpatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageRateTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final MessageRate rate = new MessageRate(3, 10, now::get);

  @Test
  void aBurstIsAdmittedThenTheNextIsRefused() {
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isFalse();
  }

  @Test
  void theBucketRefillsAtTheSteadyRateAndNoFurther() {
    for (int i = 0; i < 3; i++) {
      rate.admit();
    }
    now.addAndGet(100_000_000); // one tenth of a second: one message
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isFalse();
    now.addAndGet(60_000_000_000L); // a long pause refills the burst only
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isFalse();
  }

  @Test
  void aRefundedMessageDoesNotCountAndTheBurstIsTheCeiling() {
    for (int i = 0; i < 10; i++) {
      assertThat(rate.admit()).isTrue();
      rate.refund();
    }
    rate.refund();
    rate.refund();
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isTrue();
    assertThat(rate.admit()).isFalse();
  }
}
