package it.proc.lib;

import it.proc.processor.Greet;

@Greet("hello")
public final class Welcome {
  private Welcome() {}
}
