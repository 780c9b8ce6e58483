package it.spring.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Whom to greet: {@code greeting.name} of application.properties. */
@ConfigurationProperties("greeting")
public record GreetingProperties(String name) {}
