package dev.hotpatch.serve.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.serve.workspace.CompilerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationProcessorsTest {
  @TempDir Path dir;

  private Path processorFolder(String name, String declarations) throws Exception {
    Path folder = dir.resolve(name);
    Path services = folder.resolve(AnnotationProcessors.SERVICES);
    Files.createDirectories(services.getParent());
    Files.writeString(services, "# found by ServiceLoader\na.Processor\n");
    if (declarations != null) {
      Path gradle = folder.resolve(AnnotationProcessors.DECLARATIONS);
      Files.createDirectories(gradle.getParent());
      Files.writeString(gradle, declarations);
    }
    return folder;
  }

  private static CompilerSettings settings(String proc, List<String> processors) {
    return new CompilerSettings(
        "17",
        null,
        null,
        null,
        true,
        null,
        false,
        false,
        false,
        true,
        false,
        proc,
        processors,
        List.of(),
        List.of(),
        null);
  }

  @Test
  void isolatingProcessorsAllowCompilingPartOfTheModule() throws Exception {
    Path path = processorFolder("lombok", "a.Processor,isolating\n");
    assertThat(
            new AnnotationProcessors()
                .wholeModuleReason(settings(null, List.of()), List.of(path), 17))
        .isNull();
  }

  @Test
  void anUndeclaredProcessorMeansTheWholeModule() throws Exception {
    Path path = processorFolder("index", null);
    assertThat(
            new AnnotationProcessors()
                .wholeModuleReason(settings(null, List.of()), List.of(path), 17))
        .isEqualTo("annotation processor a.Processor may write files from several sources");
  }

  @Test
  void aggregatingProcessorsMeanTheWholeModule() throws Exception {
    Path path = processorFolder("services", "a.Processor,aggregating\n");
    assertThat(
            new AnnotationProcessors()
                .wholeModuleReason(settings(null, List.of()), List.of(path), 17))
        .isNotNull();
  }

  @Test
  void processorsThatDoNotRunDoNotMatter() throws Exception {
    Path path = processorFolder("index", null);
    AnnotationProcessors processors = new AnnotationProcessors();
    assertThat(processors.wholeModuleReason(settings("none", List.of()), List.of(path), 17))
        .isNull();
    // JDK 23+ ignores processors that are only on the class path.
    assertThat(processors.wholeModuleReason(settings(null, List.of()), List.of(path), 25)).isNull();
    assertThat(processors.wholeModuleReason(settings(null, List.of("b.Named")), List.of(path), 25))
        .isEqualTo("annotation processor b.Named may write files from several sources");
  }
}
