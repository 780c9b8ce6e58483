package dev.hotpatch.serve.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;

/**
 * What happened in a serve session, for tools and tests: the objects of {@code
 * -Dhotpatch.events=FILE} (see {@link EventLog}) and of {@link ServeEventListener}.
 *
 * <p>The JSON form is a contract that tools and the invoker tests read: every object starts with
 * {@code event} (the name in {@link JsonSubTypes}) and {@code time} (ISO-8601), then the record's
 * components in their order, under their names. Fields may be added; these names are not to change.
 * Every event about an application names it by {@code app} (its main class) and {@code pid}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ServeEvent.Ready.class, name = "ready"),
  @JsonSubTypes.Type(value = ServeEvent.CompileError.class, name = "compile-error"),
  @JsonSubTypes.Type(value = ServeEvent.BuildFileError.class, name = "build-file-error"),
  @JsonSubTypes.Type(value = ServeEvent.PatchApplied.class, name = "patch-applied"),
  @JsonSubTypes.Type(value = ServeEvent.PatchRejected.class, name = "patch-rejected"),
  @JsonSubTypes.Type(value = ServeEvent.Restart.class, name = "restart"),
  @JsonSubTypes.Type(value = ServeEvent.AppExit.class, name = "app-exit"),
  @JsonSubTypes.Type(value = ServeEvent.AppFailed.class, name = "app-failed"),
  @JsonSubTypes.Type(value = ServeEvent.Warm.class, name = "warm")
})
public sealed interface ServeEvent {
  /** When it happened. */
  Instant time();

  /**
   * The application connected to serve: it runs, and patches can reach it.
   *
   * @param pid the application's process
   * @param startMillis from starting its JVM to its connection
   * @param modules the version of each module it started on
   * @param app its main class
   */
  record Ready(Instant time, long pid, long startMillis, List<ModuleVersion> modules, String app)
      implements ServeEvent {
    public Ready {
      modules = List.copyOf(modules);
    }
  }

  /** javac rejected the sources of {@code module}; the application keeps its code. */
  record CompileError(Instant time, String module, List<Diagnostic> diagnostics)
      implements ServeEvent {
    public CompileError {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * A build file changed and cannot be read as it is: serve keeps the last good reading, and the
   * application its code.
   *
   * @param file the build file, or empty when unknown
   * @param line the line of the problem, 0 when unknown
   * @param message what is wrong
   */
  record BuildFileError(Instant time, String file, int line, String message)
      implements ServeEvent {}

  /**
   * A patch is loaded: the application runs the new code.
   *
   * @param modules exactly the modules the patch reloaded
   * @param app the main class of the application that runs it: a patch that reaches several
   *     applications is one event for each, with the same {@code patchId}
   * @param pid that application's process
   */
  record PatchApplied(
      Instant time, long patchId, List<PatchedModule> modules, Millis millis, String app, long pid)
      implements ServeEvent {
    public PatchApplied {
      modules = List.copyOf(modules);
    }
  }

  /**
   * A change was not applied; the application keeps its last good code.
   *
   * @param modules the modules the patch would have reloaded; empty when it was refused before it
   *     was planned
   * @param app the main class of the application that keeps its code
   * @param pid that application's process; 0 when it does not run
   */
  record PatchRejected(
      Instant time, long patchId, List<PatchedModule> modules, String reason, String app, long pid)
      implements ServeEvent {
    public PatchRejected {
      modules = List.copyOf(modules);
    }
  }

  /**
   * Serve stops the application to start it again on the current builds.
   *
   * @param kind {@code warm}: main runs again in new class loaders in the same JVM; {@code jvm}: a
   *     new JVM
   * @param fallback why a {@code jvm} restart was not warm; absent for a warm restart, and for a
   *     JVM restart that nothing else was tried for (the application had exited)
   * @param app the main class of the application that restarts
   * @param pid its process before the restart; 0 when none ran
   */
  record Restart(
      Instant time,
      String reason,
      String kind,
      @JsonInclude(JsonInclude.Include.NON_NULL) String fallback,
      String app,
      long pid)
      implements ServeEvent {
    public static final String WARM = "warm";
    public static final String JVM = "jvm";
  }

  /**
   * The application's main method, started again by a warm restart, failed: the application does
   * not run, its JVM waits, and serve starts it again after the next change that compiles.
   *
   * @param pid the application's process, which goes on
   * @param error what main threw
   * @param app the application's main class
   */
  record AppFailed(Instant time, long pid, String error, String app) implements ServeEvent {}

  /**
   * The application's JVM ended.
   *
   * @param crash what crashed it; absent for a deliberate end
   * @param restartPending whether serve waits for a change that builds to start it again; absent
   *     when false
   * @param app the application's main class
   * @param pid its process; 0 when none ran
   */
  record AppExit(
      Instant time,
      int code,
      @JsonInclude(JsonInclude.Include.NON_NULL) String crash,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean restartPending,
      String app,
      long pid)
      implements ServeEvent {}

  /**
   * Serve's warm-up ended: the first patch of every module is as fast as later ones.
   *
   * @param millis how long it took
   * @param modules how many modules it prepared
   * @param classes how many classes those hold
   * @param snapshotBytes the class bytes the session's snapshots hold
   * @param classFilesRead class files read from disk so far in the session
   * @param classesParsed classes parsed so far in the session
   */
  record Warm(
      Instant time,
      long millis,
      int modules,
      int classes,
      long snapshotBytes,
      long classFilesRead,
      long classesParsed)
      implements ServeEvent {}

  /** A module and the version of it that the application loads. */
  record ModuleVersion(String name, int version) {}

  /**
   * One module of a patch.
   *
   * @param strategy {@code in-place} or {@code new-loader}
   * @param reason why it reloads: what changed in it, or which reloaded module it references
   */
  record PatchedModule(String name, int version, String strategy, String reason) {}

  /**
   * The times of a patch, in milliseconds.
   *
   * @param detect from the first change seen to the start of the build
   * @param compile building the new versions (compiling, or copying with {@code watch=classes})
   * @param diff comparing and planning
   * @param load from sending the patch to the application's answer
   * @param total from the first change seen to the answer
   */
  record Millis(long detect, long compile, long diff, long load, long total) {}

  /**
   * One message of javac: {@code file} is empty, {@code line} and {@code column} 0 when unknown.
   */
  record Diagnostic(String file, long line, long column, String message) {}
}
