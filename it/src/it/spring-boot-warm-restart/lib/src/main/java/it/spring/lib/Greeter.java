package it.spring.lib;

import org.springframework.stereotype.Service;

/** The library's service. */
@Service
public class Greeter {
  public String greet(String name) {
    return "hello " + name;
  }
}
