package it.fw.app;

import it.fw.lib.Formatter;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.ServiceLoader;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.SuperMethodCall;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Wires its objects once, as a framework would, then prints what they answer whenever that
 * changes, until the test writes the file "stop".
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    Object price = bean("price");
    Method quote = price.getClass().getMethod("quote", String.class);
    Formatter formatter = ServiceLoader.load(Formatter.class).findFirst().orElseThrow();
    System.out.println("proxy class " + price.getClass().getName());
    Path stop = Path.of("stop");
    String last = "";
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      String line = "price: " + quote.invoke(price, "tea") + " | format: " + formatter.format("tea");
      if (!line.equals(last)) {
        System.out.println(line);
        last = line;
      }
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  /** A subclass proxy of the configured class, its properties set through its setters. */
  private static Object bean(String name) throws Exception {
    Properties config = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("/beans.properties")) {
      config.load(in);
    }
    Class<?> type = Class.forName(config.getProperty(name + ".class"));
    Class<?> proxy =
        new ByteBuddy()
            .subclass(type)
            .name(type.getName() + "$$Proxy")
            .method(ElementMatchers.isDeclaredBy(type))
            .intercept(SuperMethodCall.INSTANCE)
            .make()
            .load(type.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
            .getLoaded();
    Object bean = proxy.getConstructor().newInstance();
    for (String key : config.stringPropertyNames()) {
      if (key.startsWith(name + ".") && !key.equals(name + ".class")) {
        String property = key.substring(name.length() + 1);
        String setter = "set" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
        proxy.getMethod(setter, String.class).invoke(bean, config.getProperty(key));
      }
    }
    return bean;
  }
}
