package dev.hotpatch.serve.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {
  @Test
  void readsHostAndPortIpv6InBracketsAndAColonAloneForEveryAddress() {
    assertThat(Address.parse("192.168.1.20:7711", "hotpatch.listen"))
        .isEqualTo(new Address("192.168.1.20", 7711));
    assertThat(Address.parse("[::1]:7711", "hotpatch.listen")).isEqualTo(new Address("::1", 7711));
    assertThat(Address.parse(":7711", "hotpatch.listen")).isEqualTo(new Address("0.0.0.0", 7711));
    assertThat(new Address("::1", 7711)).hasToString("[::1]:7711");
  }

  @Test
  void aValueThatIsNotHostAndPortNamesTheSettingAndAnExample() {
    for (String bad : new String[] {"7711", "host:", "host:port", "host:70000", ""}) {
      assertThatThrownBy(() -> Address.parse(bad, "hotpatch.listen"))
          .hasMessageStartingWith("Invalid hotpatch.listen \"" + bad + "\". Give HOST:PORT");
    }
  }
}
