package dev.hotpatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTypeTest {
  @Test
  void eachTypeIsFoundByItsWireNameAndNothingElseIs() {
    assertThat(MessageType.named("hello")).contains(MessageType.HELLO);
    assertThat(MessageType.named("patch")).contains(MessageType.PATCH);
    assertThat(MessageType.named("patch-result")).contains(MessageType.PATCH_RESULT);
    assertThat(MessageType.named("PATCH")).isEmpty();
    assertThat(MessageType.named("exec")).isEmpty();
  }

  @Test
  void everyMessageHasATypeAndOnlyAPatchIsAddressed() {
    for (MessageType type : MessageType.values()) {
      assertThat(type.fields()).contains(Fields.TYPE);
    }
    assertThat(MessageType.PATCH.fields()).containsAll(Fields.PATCH_ADDRESS);
    assertThat(MessageType.HELLO.fields()).doesNotContain(Fields.PATCH_ID);
    assertThat(MessageType.PATCH_RESULT.fields()).doesNotContain(Fields.PROTOCOL, Fields.PID);
  }
}
