package dev.hotpatch.runtime.loader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceReadsTest {
  private final ResourceReads reads = new ResourceReads();

  @Test
  void aResourceReadOnceIsStaleAfterAChangeAndNamesItsReader() {
    reads.read("config/greeting.txt");

    assertThat(reads.staleAfterChange("config/greeting.txt"))
        .hasValueSatisfying(
            stale -> {
              assertThat(stale.name()).isEqualTo("config/greeting.txt");
              // The first frame outside the JDK and the runtime (here, the test framework's).
              assertThat(stale.reader()).contains(".").doesNotStartWith("dev.hotpatch.runtime.");
            });
  }

  @Test
  void aResourceReadPerUseOrNeverReadIsSeen() {
    reads.read("templates/page.html");
    reads.read("/templates/page.html");

    assertThat(reads.staleAfterChange("templates/page.html")).isEmpty();
    assertThat(reads.staleAfterChange("never/read.txt")).isEmpty();
  }

  @Test
  void frameworkConfigurationAndServiceFilesCountAsReadOnceHoweverOftenTheyAreLookedUp() {
    for (String name :
        new String[] {
          "application.properties",
          "config/application-dev.yml",
          "logback-spring.xml",
          "log4j2.xml",
          "META-INF/services/lib.Plugin"
        }) {
      reads.read(name);
      reads.read(name);
      assertThat(reads.staleAfterChange(name)).as(name).isPresent();
    }
  }

  @Test
  void forgettingStartsTheCountAgain() {
    reads.read("config/greeting.txt");
    reads.forget("config/greeting.txt");

    assertThat(reads.staleAfterChange("config/greeting.txt")).isEmpty();
  }
}
