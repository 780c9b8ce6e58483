package dev.hotpatch.serve.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.serve.channel.PatchMessage;
import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.compile.CompilerDiagnostic;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.console.EventLog;
import dev.hotpatch.serve.plan.PatchPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Tells the user and the events file what became of each patch. */
final class PatchReports {
  private final EventLog events;
  private final Console console;

  PatchReports(EventLog events, Console console) {
    this.events = events;
    this.console = console;
  }

  /**
   * Times of one patch, in milliseconds.
   *
   * @param buildStep how the console names the build: {@code compile} or {@code copy}
   */
  record Timings(String buildStep, long detect, long build, long diff, long load, long total) {}

  void applied(long patchId, List<PatchPlanner.Step> steps, JsonNode result, Timings millis) {
    Map<String, Object> times = new LinkedHashMap<>();
    times.put("detect", millis.detect());
    times.put("compile", millis.build());
    times.put("diff", millis.diff());
    times.put("load", millis.load());
    times.put("total", millis.total());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("patchId", patchId);
    fields.put("modules", PatchMessage.eventModules(steps));
    fields.put("millis", times);
    events.write("patch-applied", fields);
    for (JsonNode warning : result.path("warnings")) {
      console.warn("warning: " + warning.asText());
    }
    console.applied(
        steps.stream().map(PatchPlanner.Step::describe).collect(Collectors.joining(" + "))
            + " applied in "
            + millis.total()
            + " ms ("
            + millis.buildStep()
            + " "
            + millis.build()
            + ", diff "
            + millis.diff()
            + ", load "
            + millis.load()
            + ")");
  }

  void rejected(long patchId, List<Map<String, Object>> modules, String reason) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("patchId", patchId);
    fields.put("modules", modules);
    fields.put("reason", reason);
    events.write("patch-rejected", fields);
    console.error(
        "patch "
            + patchId
            + " rejected: "
            + reason
            + "\nThe application keeps running the last good code.");
  }

  void compileError(CompilationFailedException e) {
    List<Map<String, Object>> diagnostics = new ArrayList<>();
    for (CompilerDiagnostic d : e.diagnostics()) {
      Map<String, Object> diagnostic = new LinkedHashMap<>();
      diagnostic.put("file", d.file());
      diagnostic.put("line", d.line());
      diagnostic.put("column", d.column());
      diagnostic.put("message", d.message());
      diagnostics.add(diagnostic);
    }
    events.write("compile-error", Map.of("module", e.module(), "diagnostics", diagnostics));
    console.compileError(e);
  }
}
