package dev.hotpatch.serve.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events file is a contract that tools and the invoker tests read: these lines are exactly what
 * serve wrote when the events were maps, field for field.
 */
class EventLogTest {
  private static final Instant TIME = Instant.parse("2026-11-21T11:16:53.284Z");
  private static final String HEAD = "{\"event\":\"%s\",\"time\":\"2026-11-21T11:16:53.284Z\",";

  private static final String APP = ",\"app\":\"shop.Server\",\"pid\":42}";

  @TempDir Path dir;

  @Test
  void everyEventStartsWithItsNameAndTimeAndKeepsItsFieldNames() {
    assertThat(
            EventLog.line(
                new ServeEvent.Ready(
                    TIME,
                    4242,
                    180,
                    List.of(
                        new ServeEvent.ModuleVersion("core", 0),
                        new ServeEvent.ModuleVersion("app", 0)),
                    "shop.Server")))
        .isEqualTo(
            HEAD.formatted("ready")
                + "\"pid\":4242,\"startMillis\":180,\"modules\":[{\"name\":\"core\",\"version\":0},"
                + "{\"name\":\"app\",\"version\":0}],\"app\":\"shop.Server\"}");
    assertThat(
            EventLog.line(
                new ServeEvent.CompileError(
                    TIME,
                    "lib",
                    List.of(new ServeEvent.Diagnostic("/w/lib/A.java", 3, 9, "';' expected")))))
        .isEqualTo(
            HEAD.formatted("compile-error")
                + "\"module\":\"lib\",\"diagnostics\":[{\"file\":\"/w/lib/A.java\",\"line\":3,"
                + "\"column\":9,\"message\":\"';' expected\"}]}");
    assertThat(
            EventLog.line(
                new ServeEvent.PatchApplied(
                    TIME,
                    1,
                    List.of(
                        new ServeEvent.PatchedModule(
                            "core", 1, "new-loader", "changed: it.deep.core.Numbers (body-only)")),
                    new ServeEvent.Millis(51, 171, 39, 24, 286),
                    "shop.Server",
                    4242)))
        .isEqualTo(
            HEAD.formatted("patch-applied")
                + "\"patchId\":1,\"modules\":[{\"name\":\"core\",\"version\":1,\"strategy\":"
                + "\"new-loader\",\"reason\":\"changed: it.deep.core.Numbers (body-only)\"}],"
                + "\"millis\":{\"detect\":51,\"compile\":171,\"diff\":39,\"load\":24,\"total\":286},"
                + "\"app\":\"shop.Server\",\"pid\":4242}");
    assertThat(
            EventLog.line(
                new ServeEvent.PatchRejected(
                    TIME, 2, List.of(), "restart required: lib.Shop", "shop.Server", 4242)))
        .isEqualTo(
            HEAD.formatted("patch-rejected")
                + "\"patchId\":2,\"modules\":[],\"reason\":\"restart required: lib.Shop\","
                + "\"app\":\"shop.Server\",\"pid\":4242}");
    assertThat(
            EventLog.line(
                new ServeEvent.Restart(
                    TIME, "you asked for it (r)", "jvm", null, "shop.Server", 4242)))
        .isEqualTo(
            HEAD.formatted("restart")
                + "\"reason\":\"you asked for it (r)\",\"kind\":\"jvm\",\"app\":\"shop.Server\","
                + "\"pid\":4242}");
    assertThat(
            EventLog.line(
                new ServeEvent.Restart(
                    TIME, "lib.Shop changed", "jvm", "a thread goes on", "shop.Server", 4242)))
        .isEqualTo(
            HEAD.formatted("restart")
                + "\"reason\":\"lib.Shop changed\",\"kind\":\"jvm\",\"fallback\":\"a thread goes on\","
                + "\"app\":\"shop.Server\",\"pid\":4242}");
    assertThat(
            EventLog.line(
                new ServeEvent.AppFailed(TIME, 42, "BeanCreationException: broken", "shop.Server")))
        .isEqualTo(
            HEAD.formatted("app-failed")
                + "\"pid\":42,\"error\":\"BeanCreationException: broken\",\"app\":\"shop.Server\"}");
    assertThat(EventLog.line(new ServeEvent.Warm(TIME, 812, 3, 1200, 4_500_000, 1200, 1200)))
        .isEqualTo(
            HEAD.formatted("warm")
                + "\"millis\":812,\"modules\":3,\"classes\":1200,\"snapshotBytes\":4500000,"
                + "\"classFilesRead\":1200,\"classesParsed\":1200}");
  }

  @Test
  void anAppExitNamesACrashAndAPendingRestartOnlyWhenThereAreThem() {
    assertThat(EventLog.line(new ServeEvent.AppExit(TIME, 0, null, false, "shop.Server", 42)))
        .isEqualTo(HEAD.formatted("app-exit") + "\"code\":0" + APP);
    assertThat(
            EventLog.line(
                new ServeEvent.AppExit(TIME, 137, "killed by signal 9", false, "shop.Server", 42)))
        .isEqualTo(
            HEAD.formatted("app-exit") + "\"code\":137,\"crash\":\"killed by signal 9\"" + APP);
    assertThat(
            EventLog.line(
                new ServeEvent.AppExit(
                    TIME, 1, "an uncaught exception ended main", true, "shop.Server", 42)))
        .isEqualTo(
            HEAD.formatted("app-exit")
                + "\"code\":1,\"crash\":\"an uncaught exception ended main\","
                + "\"restartPending\":true"
                + APP);
  }

  @Test
  void eventsAreAppendedOnePerLine() throws Exception {
    Path file = dir.resolve("logs/events.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"event\":\"ready\"}\n");

    try (EventLog log = EventLog.open(file)) {
      log.on(new ServeEvent.Restart(TIME, "first", "jvm", null, "shop.Server", 42));
      log.on(new ServeEvent.Restart(TIME, "second", "jvm", null, "shop.Server", 42));
    }

    assertThat(Files.readAllLines(file))
        .containsExactly(
            "{\"event\":\"ready\"}",
            HEAD.formatted("restart") + "\"reason\":\"first\",\"kind\":\"jvm\"" + APP,
            HEAD.formatted("restart") + "\"reason\":\"second\",\"kind\":\"jvm\"" + APP);
  }

  @Test
  void withoutAFileEveryEventIsDropped() throws Exception {
    try (EventLog log = EventLog.open(null)) {
      log.on(new ServeEvent.Restart(TIME, "nobody reads this", "jvm", null, "shop.Server", 42));
    }
  }
}
