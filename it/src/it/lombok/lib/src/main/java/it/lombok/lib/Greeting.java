package it.lombok.lib;

import lombok.Builder;
import lombok.Value;

@Value
@Builder
public class Greeting {
  String name;
  @Builder.Default String punctuation = "!";

  public String text() {
    return "hello " + name + punctuation;
  }
}
