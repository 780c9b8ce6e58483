package dev.hotpatch.serve.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.compile.CompilerDiagnostic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private Console console(boolean quiet, boolean colours) {
    return new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), quiet, colours);
  }

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static CompilationFailedException twoErrors() {
    return new CompilationFailedException(
        "app",
        List.of(
            new CompilerDiagnostic(
                "error",
                "/w/app/src/main/java/a/Main.java",
                13,
                29,
                "cannot find symbol\n  symbol:   method greet()"),
            new CompilerDiagnostic(
                "error", "/w/app/src/main/java/a/B.java", 2, 1, "';' expected")));
  }

  @Test
  void compileErrorsStandOutAsABlockOfFileLineColumnLines() {
    console(false, false).compileError(twoErrors());
    assertThat(lines())
        .containsExactly(
            "[hotpatch] " + "-".repeat(72),
            "[hotpatch] COMPILATION ERROR in module app: 2 errors",
            "[hotpatch] " + "-".repeat(72),
            "[hotpatch] /w/app/src/main/java/a/Main.java:13:29: error: cannot find symbol",
            "[hotpatch]   symbol:   method greet()",
            "[hotpatch] /w/app/src/main/java/a/B.java:2:1: error: ';' expected",
            "[hotpatch] " + "-".repeat(72),
            "[hotpatch] Fix the code and save again; the application keeps running the last good"
                + " code.");
  }

  @Test
  void withoutATerminalNoLineHoldsAnEscapeCode() {
    Console console = console(false, false);
    console.info("info");
    console.applied("applied");
    console.warn("warning");
    console.error("error");
    console.compileError(twoErrors());
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b");
  }

  @Test
  void onATerminalTheTextAfterThePrefixIsColoured() {
    console(false, true).error("patch 3 rejected");
    assertThat(lines()).containsExactly("[hotpatch] \u001b[1;31mpatch 3 rejected\u001b[0m");
  }

  @Test
  void quietKeepsWarningsAndErrorsOnly() {
    Console console = console(true, false);
    console.info("serving");
    console.applied("lib v1 applied");
    console.warn("restarting");
    console.compileError(twoErrors());
    assertThat(lines()).first().isEqualTo("[hotpatch] restarting");
    assertThat(lines()).contains("[hotpatch] COMPILATION ERROR in module app: 2 errors");
    assertThat(lines()).doesNotContain("[hotpatch] serving", "[hotpatch] lib v1 applied");
  }
}
