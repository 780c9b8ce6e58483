package dev.hotpatch.serve.app;

import dev.hotpatch.serve.ServeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code java} that is to run the application before it runs: the hotpatch runtime is
 * compiled for Java 17, and an older JVM would refuse it with a class-version error that names no
 * setting.
 */
public final class ApplicationJava {
  static final int MINIMUM = 17;
  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(1\\.)?(\\d+)");

  private ApplicationJava() {}

  /**
   * @throws ServeException when {@code executable} is missing or belongs to a Java older than 17
   */
  public static void check(Path executable) throws ServeException {
    if (!Files.isExecutable(executable)) {
      throw new ServeException(
          "Java executable not found: "
              + executable
              + " (hotpatch.java). Point hotpatch.java at the bin/java of a Java "
              + MINIMUM
              + " or later, or leave it unset to use the Java that runs Maven.");
    }
    OptionalInt feature = featureVersion(executable);
    if (feature.isPresent() && feature.getAsInt() < MINIMUM) {
      throw new ServeException(
          "Java "
              + feature.getAsInt()
              + " cannot run the application: "
              + executable
              + " (hotpatch.java) is older than Java "
              + MINIMUM
              + ", which hotpatch needs. Point hotpatch.java at the bin/java of a Java "
              + MINIMUM
              + " or later, or leave it unset to use the Java that runs Maven.");
    }
  }

  /**
   * The feature version in the {@code release} file of the executable's Java home, or empty when
   * there is none to read: then the JVM's own error has to do. Reading the file is instant, where
   * asking {@code java -version} would start a JVM.
   */
  static OptionalInt featureVersion(Path executable) {
    try {
      // bin/java is often a link (/usr/bin/java); the release file is next to the real one's bin.
      Path home = executable.toRealPath().getParent().getParent();
      Path release = home == null ? null : home.resolve("release");
      if (release == null || !Files.isRegularFile(release)) {
        return OptionalInt.empty();
      }
      Matcher matcher = VERSION.matcher(Files.readString(release));
      return matcher.find()
          ? OptionalInt.of(Integer.parseInt(matcher.group(2)))
          : OptionalInt.empty();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }
}
