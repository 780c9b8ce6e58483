package dev.hotpatch.serve.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.serve.ServeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationJavaTest {
  @TempDir Path dir;

  private Path java(String release) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
    Path java =
        Files.createFile(
            bin.resolve("java"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    if (release != null) {
      Files.writeString(dir.resolve("jdk/release"), release);
    }
    return java;
  }

  @Test
  void theJavaRunningTheseTestsIsGoodEnough() throws Exception {
    ApplicationJava.check(Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  @Test
  void aJavaOlderThan17IsRefusedWithTheParameterToChange() throws Exception {
    Path java = java("IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"11.0.2\"\n");
    assertThatThrownBy(() -> ApplicationJava.check(java))
        .isInstanceOf(ServeException.class)
        .hasMessage(
            "Java 11 cannot run the application: "
                + java
                + " (hotpatch.java) is older than Java 17, which hotpatch needs. Point"
                + " hotpatch.java at the bin/java of a Java 17 or later, or leave it unset to use"
                + " the Java that runs Maven.");
  }

  @Test
  void java8IsReadFromItsOldVersionFormat() throws Exception {
    assertThat(ApplicationJava.featureVersion(java("JAVA_VERSION=\"1.8.0_392\"\n"))).hasValue(8);
  }

  @Test
  void aJavaWithoutReleaseFileIsLeftToStart() throws Exception {
    Path java = java(null);
    assertThat(ApplicationJava.featureVersion(java)).isEmpty();
    ApplicationJava.check(java);
  }

  @Test
  void aMissingJavaIsNamed() {
    Path missing = dir.resolve("nope/bin/java");
    assertThatThrownBy(() -> ApplicationJava.check(missing))
        .hasMessageStartingWith("Java executable not found: " + missing + " (hotpatch.java).");
  }
}
