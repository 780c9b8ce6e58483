package dev.hotpatch.serve.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApplicationOutputTest {
  private static String labelled(String output) {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    new ApplicationOutput.LabelledLines(
            new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)),
            copy,
            "Worker | ".getBytes(StandardCharsets.UTF_8))
        .run();
    return copy.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyLineStartsWithTheLabelAndNothingElseChanges() {
    assertThat(labelled("tick 1\n\ntick 2\r\nprompt> "))
        .isEqualTo("Worker | tick 1\nWorker | \nWorker | tick 2\r\nWorker | prompt> ");
  }

  @Test
  void outputThatEndsWithALineBreakGetsNoLabelAfterIt() {
    assertThat(labelled("done\n")).isEqualTo("Worker | done\n");
    assertThat(labelled("")).isEmpty();
  }
}
