package dev.hotpatch.serve.engine;

import dev.hotpatch.serve.compile.CompilationFailedException;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.event.ServeEvent;
import dev.hotpatch.serve.event.ServeEventListener;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.workspace.BuildFileException;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/** Tells the user and the events what became of each patch. */
final class PatchReports {
  private final ServeEventListener events;
  private final Console console;
  private final String app;
  private final LongSupplier pid;

  /** What concerns the workspace: compile errors and build files. */
  PatchReports(ServeEventListener events, Console console) {
    this(events, console, null, () -> 0);
  }

  /**
   * What concerns one application as well: its patches.
   *
   * @param app its main class
   * @param pid its process, 0 when it does not run
   */
  PatchReports(ServeEventListener events, Console console, String app, LongSupplier pid) {
    this.events = events;
    this.console = console;
    this.app = app;
    this.pid = pid;
  }

  /**
   * Times of one patch, in milliseconds.
   *
   * @param buildStep how the console names the build: {@code compile} or {@code copy}
   */
  record Timings(String buildStep, long detect, long build, long diff, long load, long total) {}

  void applied(long patchId, List<PatchPlanner.Step> steps, List<String> warnings, Timings millis) {
    events.on(
        new ServeEvent.PatchApplied(
            Instant.now(),
            patchId,
            modules(steps),
            new ServeEvent.Millis(
                millis.detect(), millis.build(), millis.diff(), millis.load(), millis.total()),
            app,
            pid.getAsLong()));
    for (String warning : warnings) {
      console.warn("warning: " + warning);
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

  /**
   * @param steps the modules the patch would have reloaded; empty when it was refused before it was
   *     planned
   */
  void rejected(long patchId, List<PatchPlanner.Step> steps, String reason) {
    events.on(
        new ServeEvent.PatchRejected(
            Instant.now(), patchId, modules(steps), reason, app, pid.getAsLong()));
    console.error(
        "patch "
            + patchId
            + " rejected: "
            + reason
            + "\nThe application keeps running the last good code.");
  }

  /** A build file changed and cannot be read: one line naming it, the line, and what to do. */
  void buildFileError(BuildFileException e) {
    events.on(
        new ServeEvent.BuildFileError(
            Instant.now(), e.file() == null ? "" : e.file().toString(), e.line(), e.problem()));
    console.error(
        "cannot read the build files: "
            + e.getMessage()
            + ". Fix it and save again; until then serve keeps the build as it was, and the"
            + " application its code.");
  }

  /** The application ended while it had the patch: it runs nothing any more. */
  void ended(long patchId, List<PatchPlanner.Step> steps, String reason) {
    events.on(
        new ServeEvent.PatchRejected(
            Instant.now(), patchId, modules(steps), reason, app, pid.getAsLong()));
    console.error("patch " + patchId + " not applied: " + reason + ".");
  }

  void compileError(CompilationFailedException e) {
    List<ServeEvent.Diagnostic> diagnostics =
        e.diagnostics().stream()
            .map(d -> new ServeEvent.Diagnostic(d.file(), d.line(), d.column(), d.message()))
            .toList();
    events.on(new ServeEvent.CompileError(Instant.now(), e.module(), diagnostics));
    console.compileError(e);
  }

  /** The {@code modules} of the patch events: name, version, strategy and reason. */
  private static List<ServeEvent.PatchedModule> modules(List<PatchPlanner.Step> steps) {
    return steps.stream()
        .map(
            step ->
                new ServeEvent.PatchedModule(
                    step.build().name(),
                    step.build().version(),
                    step.plan().strategy().label(),
                    step.plan().reason()))
        .toList();
  }
}
