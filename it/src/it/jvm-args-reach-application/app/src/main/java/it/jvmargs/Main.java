package it.jvmargs;

import java.lang.reflect.Field;

/** Needs --add-opens to reach into java.lang, and prints its arguments. */
public final class Main {
  public static void main(String[] args) throws Exception {
    Field value = String.class.getDeclaredField("value");
    value.setAccessible(true);
    System.out.println("java.lang is open; args=" + String.join("|", args));
    System.out.println("property=" + System.getProperty("it.flavour"));
  }
}
