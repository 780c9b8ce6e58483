package it.args.app;

import dev.hotpatch.Hot;
import it.args.lib.Greeter;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/** Prints Greeter's methods with their parameter names (kept by -parameters) until "stop". */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of("stop");
    for (int i = 0; i < 3000 && !Files.exists(stop); i++) {
      Hot.call(Main::frame);
      Thread.sleep(100);
    }
    System.exit(Files.exists(stop) ? Integer.parseInt(Files.readString(stop).trim()) : 98);
  }

  private static void frame() {
    String methods =
        Arrays.stream(Greeter.class.getDeclaredMethods())
            .sorted(Comparator.comparing(Method::getName))
            .map(
                m ->
                    m.getName()
                        + "("
                        + Arrays.stream(m.getParameters())
                            .map(Parameter::getName)
                            .collect(Collectors.joining(","))
                        + ")")
            .collect(Collectors.joining(" "));
    System.out.println("methods=" + methods + " said=" + Greeter.greet("you"));
  }
}
