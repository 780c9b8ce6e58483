package it.spring.web;

import it.spring.lib.Greeter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GreetingController {
  private final Greeter greeter;
  private final GreetingProperties properties;

  public GreetingController(Greeter greeter, GreetingProperties properties) {
    this.greeter = greeter;
    this.properties = properties;
  }

  @GetMapping("/greet")
  public String greet() {
    return greeter.greet(properties.name());
  }
  // NEW-ENDPOINT
}
