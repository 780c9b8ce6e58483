package dev.hotpatch.serve.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hotpatch.diff.PlannedModule;
import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.RestartPolicy;
import dev.hotpatch.serve.build.PatchBuilder;
import dev.hotpatch.serve.build.SessionFolder;
import dev.hotpatch.serve.build.VersionSource;
import dev.hotpatch.serve.channel.PatchDelivery;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.event.ServeEvent;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.watch.FolderWatcher;
import dev.hotpatch.serve.watch.WatchMode;
import dev.hotpatch.serve.workspace.BuildFileException;
import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import dev.hotpatch.serve.workspace.WorkspaceReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decisions of the patch pipeline, one burst of saves at a time: apply, reject, retry as new
 * loaders, restart, and the change no running code reaches. The workspace, its builds and its plans
 * are real; only the application is played here, by what it answers to each patch.
 */
class PatchPipelineTest {
  @TempDir Path dir;

  private SampleWorkspace sample;
  private Workspace workspace;
  private PatchBuilder builder;
  private final FakeApplication application = new FakeApplication();

  /** A second application of the same modules, when the test runs two. */
  private final FakeApplication worker = new FakeApplication();

  private final List<String> workerRestarts = new ArrayList<>();
  private boolean twoApplications;
  private final List<PlayedApplication> played = new ArrayList<>();
  private final List<ServeEvent> events = new ArrayList<>();
  private final List<String> restarts = new ArrayList<>();
  private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
  private boolean crashed;
  private volatile boolean superseded;

  /** What the build files say when read again; null: the workspace as it was. */
  private WorkspaceReader reader;

  private WorkspaceModel model;
  private Workspace launched;
  private PatchPipeline pipeline;
  private RestartPolicy pipelinePolicy;

  /** Plays the application: answers each patch with the next answer given, else applies it. */
  private static final class FakeApplication implements PatchDelivery {
    final List<List<PatchPlanner.Step>> received = new ArrayList<>();
    final Deque<LongFunction<Outcome>> answers = new ArrayDeque<>();

    @Override
    public Outcome send(long patchId, List<PatchPlanner.Step> steps) {
      received.add(steps);
      LongFunction<Outcome> answer = answers.poll();
      return answer == null ? Outcome.applied(patchId, List.of()) : answer.apply(patchId);
    }
  }

  @BeforeEach
  void buildTheWorkspace() throws Exception {
    sample = new SampleWorkspace(dir).build();
    workspace = sample.workspace();
    SnapshotStore snapshots = new SnapshotStore();
    builder =
        new PatchBuilder(
            workspace,
            VersionSource.compiled(ModuleCompiler.systemCompiler(snapshots)),
            SessionFolder.create(dir.resolve("session")),
            snapshots);
  }

  private void save(RestartPolicy policy, Path... files) {
    if (pipeline == null || pipelinePolicy != policy) {
      pipeline = pipeline(policy);
      pipelinePolicy = policy;
    }
    long now = System.nanoTime();
    pipeline.patch(new FolderWatcher.Batch(Set.of(files), false, now, now));
  }

  private PatchPipeline pipeline(RestartPolicy policy) {
    Console console =
        new Console(new PrintStream(consoleBytes, true, StandardCharsets.UTF_8), false, false);
    if (model == null) {
      model = new WorkspaceModel(() -> reader.read(), workspace, List.of("app"));
      launched = model.application();
    }
    return new PatchPipeline(
        model,
        WatchMode.SOURCES,
        builder,
        new PatchReports(events::add, console),
        console,
        policy,
        batch -> superseded,
        modules -> {},
        playedApplications(console),
        new PatchIds());
  }

  private List<PlayedApplication> playedApplications(Console console) {
    played.clear();
    played.add(new PlayedApplication(console, application, "app.Main", 4242, restarts));
    if (twoApplications) {
      played.add(
          new PlayedApplication(
              console.about("Worker"), worker, "app.Worker", 4343, workerRestarts));
    }
    return played;
  }

  /** The application as the engine shows it to the pipeline, with the answers of this test. */
  private final class PlayedApplication implements RunningApplication {
    private final Console console;
    private final PatchDelivery delivery;
    private final String mainClass;
    private final long pid;
    private final List<String> restarted;
    private final PatchPlanner planner = new PatchPlanner(workspace);
    private String behind;

    PlayedApplication(
        Console console,
        PatchDelivery delivery,
        String mainClass,
        long pid,
        List<String> restarted) {
      this.console = console;
      this.delivery = delivery;
      this.mainClass = mainClass;
      this.pid = pid;
      this.restarted = restarted;
    }

    @Override
    public Workspace modules() {
      return model.applicationOf("app");
    }

    @Override
    public Workspace launchedWith() {
      return launched;
    }

    @Override
    public boolean exited() {
      return false;
    }

    @Override
    public boolean crashed() {
      return crashed;
    }

    @Override
    public PatchPlanner planner() {
      return planner;
    }

    @Override
    public PatchDelivery delivery() {
      return delivery;
    }

    @Override
    public PatchReports reports() {
      return new PatchReports(events::add, console, mainClass, () -> pid);
    }

    @Override
    public Console console() {
      return console;
    }

    @Override
    public void workspaceChanged() {
      planner.workspaceChanged(modules());
    }

    @Override
    public String restartCommand() {
      return mainClass.equals("app.Worker") ? "r Worker" : "r";
    }

    @Override
    public void restart(String reason) {
      restarted.add(reason);
      // The engine starts the application again on what the build files say.
      launched = model.application();
    }

    @Override
    public String endedWithin(java.time.Duration wait) {
      return null;
    }

    @Override
    public String behind() {
      return behind;
    }

    @Override
    public void fellBehind(String why) {
      behind = why;
    }
  }

  private Path editGreeting(String greeting) throws Exception {
    return sample.edit("lib", "lib.Greeter", SampleWorkspace.GREETER.formatted(greeting));
  }

  private Path editCounter(String member) throws Exception {
    return sample.edit("lib", "lib.Counter", SampleWorkspace.COUNTER.formatted(member));
  }

  private String console() {
    return consoleBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBodyEditIsRedefinedInPlaceAndBecomesWhatTheApplicationRuns() throws Exception {
    save(RestartPolicy.AUTO, editGreeting("v1"));

    assertThat(application.received).hasSize(1);
    assertThat(events).singleElement().isInstanceOf(ServeEvent.PatchApplied.class);
    ServeEvent.PatchApplied applied = (ServeEvent.PatchApplied) events.get(0);
    assertThat(applied.patchId()).isEqualTo(1);
    assertThat(applied.modules())
        .extracting(ServeEvent.PatchedModule::name, ServeEvent.PatchedModule::strategy)
        .containsExactly(tuple("lib", "in-place"));
    assertThat(builder.current("lib").version()).isEqualTo(1);
    assertThat(restarts).isEmpty();
    assertThat(console()).contains("lib v1 (1 class: 1 body) applied in");
  }

  @Test
  void aPatchTheApplicationRefusesIsRejectedAndTheLastGoodCodeStaysCurrent() throws Exception {
    application.answers.add(
        id -> PatchDelivery.Outcome.failed(id, "Static initializer of lib.Greeter failed", false));

    save(RestartPolicy.AUTO, editGreeting("v1"));

    assertThat(events).singleElement().isInstanceOf(ServeEvent.PatchRejected.class);
    ServeEvent.PatchRejected rejected = (ServeEvent.PatchRejected) events.get(0);
    assertThat(rejected.reason()).isEqualTo("Static initializer of lib.Greeter failed");
    assertThat(rejected.modules())
        .extracting(ServeEvent.PatchedModule::name)
        .containsExactly("lib");
    assertThat(builder.current("lib").version()).isZero();
    assertThat(console()).contains("The application keeps running the last good code.");
  }

  @Test
  void aFailedRedefinitionIsSentAgainAsNewLoadersOfTheModuleAndItsDependents() throws Exception {
    application.answers.add(
        id -> PatchDelivery.Outcome.failed(id, "the JVM refused the redefinition", true));

    save(RestartPolicy.AUTO, editGreeting("v1"));

    assertThat(application.received)
        .extracting(steps -> steps.stream().map(s -> s.plan().strategy()).toList())
        .containsExactly(
            List.of(PlannedModule.Strategy.IN_PLACE),
            List.of(PlannedModule.Strategy.NEW_LOADER, PlannedModule.Strategy.NEW_LOADER));
    ServeEvent.PatchApplied applied = (ServeEvent.PatchApplied) events.get(0);
    assertThat(applied.patchId()).isEqualTo(2);
    assertThat(applied.modules())
        .extracting(ServeEvent.PatchedModule::name, ServeEvent.PatchedModule::strategy)
        .containsExactly(tuple("lib", "new-loader"), tuple("app", "new-loader"));
    assertThat(builder.current("app").version()).isEqualTo(1);
    assertThat(console()).contains("redefining in place failed (the JVM refused the redefinition)");
  }

  @Test
  void aChangedFacadeInterfaceRestartsTheApplicationOnTheNewBuildsWithRestartAuto()
      throws Exception {
    save(RestartPolicy.AUTO, editCounter("default int twice() { return 2 * next(); }"));

    assertThat(application.received).isEmpty();
    assertThat(events).isEmpty();
    assertThat(restarts)
        .singleElement()
        .asString()
        .startsWith("@HotFacade interface lib.Counter of module lib changed");
    assertThat(builder.current("lib").version()).isEqualTo(1);
  }

  @Test
  void withRestartNeverTheSameChangeIsRejectedAndTheApplicationKeepsItsCode() throws Exception {
    save(RestartPolicy.NEVER, editCounter("default int twice() { return 2 * next(); }"));

    assertThat(application.received).isEmpty();
    assertThat(restarts).isEmpty();
    ServeEvent.PatchRejected rejected = (ServeEvent.PatchRejected) events.get(0);
    assertThat(rejected.modules()).isEmpty();
    assertThat(rejected.reason())
        .startsWith("restart required: @HotFacade interface lib.Counter of module lib changed")
        .endsWith(
            "serve does not restart the application itself (-Dhotpatch.restart=never): press r"
                + " + Enter or touch target/hotpatch/restart to restart it on the new code, or run"
                + " serve with -Dhotpatch.restart=auto.");
    assertThat(builder.current("lib").version()).isZero();
  }

  @Test
  void aFacadeSignatureThatNamesAReloadableClassIsRejectedBeforeAnythingIsPlanned()
      throws Exception {
    save(RestartPolicy.AUTO, editCounter("default lib.Greeter greeter() { return null; }"));

    assertThat(application.received).isEmpty();
    assertThat(restarts).isEmpty();
    ServeEvent.PatchRejected rejected = (ServeEvent.PatchRejected) events.get(0);
    assertThat(rejected.modules()).isEmpty();
    assertThat(rejected.reason())
        .startsWith("@HotFacade interface lib.Counter, method greeter(): lib.Greeter is a class");
  }

  @Test
  void aStructuralChangeThatNoHotCallReachesRestartsTheApplicationWithRestartAuto()
      throws Exception {
    save(
        RestartPolicy.AUTO,
        sample.edit("util", "util.Clock", SampleWorkspace.CLOCK.formatted("static int ticks;")));

    assertThat(application.received).isEmpty();
    assertThat(events).isEmpty();
    assertThat(restarts)
        .singleElement()
        .asString()
        .endsWith(
            ": no Hot.call or Hot.facade in util leads to the new code, so the running"
                + " application would keep the old one");
  }

  @Test
  void withRestartNeverAnUnreachableChangeIsLoadedAndTheUserIsToldWhatStillRunsTheOldCode()
      throws Exception {
    save(
        RestartPolicy.NEVER,
        sample.edit("util", "util.Clock", SampleWorkspace.CLOCK.formatted("static int ticks;")));

    assertThat(restarts).isEmpty();
    assertThat(application.received).hasSize(1);
    ServeEvent.PatchApplied applied = (ServeEvent.PatchApplied) events.get(0);
    assertThat(applied.modules())
        .extracting(ServeEvent.PatchedModule::name, ServeEvent.PatchedModule::strategy)
        .containsExactly(tuple("util", "new-loader"));
    assertThat(console())
        .contains(
            "no Hot.call or Hot.facade in util leads to the new code, so the running application"
                + " would keep the old one. Restart the application to run it, or use"
                + " -Dhotpatch.restart=auto.");
  }

  @Test
  void aChangeThatCompilesWhileTheApplicationIsCrashedStartsItOnTheNewBuilds() throws Exception {
    crashed = true;

    save(RestartPolicy.AUTO, editGreeting("v1"));

    assertThat(application.received).isEmpty();
    assertThat(events).isEmpty();
    assertThat(restarts).containsExactly("a change in lib compiled");
    assertThat(builder.current("lib").version()).isEqualTo(1);
  }

  @Test
  void aCompileErrorIsReportedWithItsDiagnosticsAndNothingIsSent() throws Exception {
    save(RestartPolicy.AUTO, sample.edit("lib", "lib.Greeter", "package lib; class Greeter {"));

    assertThat(application.received).isEmpty();
    ServeEvent.CompileError error = (ServeEvent.CompileError) events.get(0);
    assertThat(error.module()).isEqualTo("lib");
    assertThat(error.diagnostics())
        .first()
        .satisfies(
            d -> {
              assertThat(d.file()).endsWith("Greeter.java");
              assertThat(d.line()).isEqualTo(1);
            });
    assertThat(builder.current("lib").version()).isZero();
  }

  @Test
  void aBurstOvertakenByNewerSavesIsLeftToTheNextBatch() throws Exception {
    superseded = true;

    save(RestartPolicy.AUTO, editGreeting("v1"));

    assertThat(application.received).isEmpty();
    assertThat(events).isEmpty();
    assertThat(restarts).isEmpty();

    superseded = false;
    save(RestartPolicy.AUTO, editGreeting("v2"));

    assertThat(events).singleElement().isInstanceOf(ServeEvent.PatchApplied.class);
    assertThat(builder.current("lib").version()).isEqualTo(1);
  }

  /** The sample workspace with build files, whose modules {@code change} rewrites. */
  private Path buildFiles(java.util.function.UnaryOperator<WorkspaceModule> change)
      throws Exception {
    Path pom = dir.resolve("lib/pom.xml");
    java.nio.file.Files.writeString(pom, "<project/>");
    // What serve follows: the main class's module and those it depends on.
    Workspace application = workspace.closureOf(workspace.module("app").orElseThrow());
    workspace = new Workspace(workspace.root(), application.modules(), List.of(pom));
    Workspace next =
        new Workspace(
            workspace.root(), workspace.modules().stream().map(change).toList(), List.of(pom));
    reader = () -> next;
    return pom;
  }

  /** {@code module} with {@code jar} on both its class paths when it is lib. */
  private static WorkspaceModule withJarInLib(WorkspaceModule module, Path jar) {
    if (!module.name().equals("lib")) {
      return module;
    }
    List<Path> compile = new ArrayList<>(module.compileClasspath());
    compile.add(jar);
    List<Path> runtime = new ArrayList<>(module.runtimeClasspath());
    runtime.add(jar);
    return new WorkspaceModule(
        module.name(),
        module.basedir(),
        module.sourceRoots(),
        module.outputDirectory(),
        module.buildDirectory(),
        module.dependencies(),
        compile,
        runtime,
        module.compiler(),
        module.resources());
  }

  private static Path assertjJar() throws Exception {
    return Path.of(
        org.assertj.core.api.Assertions.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toURI());
  }

  @Test
  void aPomThatAddsAJarRestartsTheApplicationNamingTheModuleAndTheJar() throws Exception {
    Path jar = assertjJar();
    Path pom = buildFiles(module -> withJarInLib(module, jar));

    save(RestartPolicy.AUTO, pom);

    assertThat(restarts)
        .singleElement()
        .asString()
        .startsWith("the dependencies of module lib changed: added ")
        .contains("assertj-core");
    assertThat(application.received).isEmpty();

    // The application runs on the new class path now: the next edit is a patch.
    save(RestartPolicy.AUTO, editGreeting("v1"));
    assertThat(restarts).hasSize(1);
    assertThat(events).singleElement().isInstanceOf(ServeEvent.PatchApplied.class);
  }

  @Test
  void aSourceThatNeedsTheNewJarCompilesWhenThePomOfTheSameBurstAddsIt() throws Exception {
    Path jar = assertjJar();
    Path pom = buildFiles(module -> withJarInLib(module, jar));
    Path greeter =
        sample.edit(
            "lib",
            "lib.Greeter",
            "package lib; public class Greeter { public static String greet() { return"
                + " org.assertj.core.api.Assertions.class.getSimpleName(); } }");

    save(RestartPolicy.AUTO, pom, greeter);

    assertThat(events).isEmpty();
    assertThat(restarts).hasSize(1);
    assertThat(builder.current("lib").classes().uses("org/assertj/core/api/Assertions")).isTrue();
  }

  @Test
  void withRestartNeverANewClassPathIsOneLineSayingWhatToDoAndNothingIsPatched() throws Exception {
    Path jar = assertjJar();
    Path pom = buildFiles(module -> withJarInLib(module, jar));

    save(RestartPolicy.NEVER, pom);
    save(RestartPolicy.NEVER, editGreeting("v1"));

    assertThat(restarts).isEmpty();
    assertThat(application.received).isEmpty();
    assertThat(events)
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(((ServeEvent.PatchRejected) e).reason())
                    .startsWith("restart required: the dependencies of module lib changed: added ")
                    .contains("press r + Enter or touch target/hotpatch/restart"));
  }

  @Test
  void aPomThatCannotBeReadIsOneErrorWithItsLineAndTheSourcesOfTheBurstArePatched()
      throws Exception {
    Path pom = buildFiles(module -> module);
    reader =
        () -> {
          throw new BuildFileException(pom, 12, "Unrecognised tag: 'dependecy'");
        };

    save(RestartPolicy.AUTO, pom, editGreeting("v1"));
    // Not read again for a source alone: the error was told once.
    save(RestartPolicy.AUTO, editGreeting("v2"));

    assertThat(events).hasSize(3);
    ServeEvent.BuildFileError error = (ServeEvent.BuildFileError) events.get(0);
    assertThat(error.file()).isEqualTo(pom.toString());
    assertThat(error.line()).isEqualTo(12);
    assertThat(events.subList(1, 3)).allMatch(ServeEvent.PatchApplied.class::isInstance);
    assertThat(console())
        .contains(
            "[hotpatch] cannot read the build files: "
                + pom
                + ":12: Unrecognised tag: 'dependecy'. Fix it and save again; until then serve"
                + " keeps the build as it was, and the application its code.");
    assertThat(restarts).isEmpty();
  }

  @Test
  void aPomReadHalfSavedIsNotReportedWhenTheRestOfTheSaveFollows() throws Exception {
    Path pom = buildFiles(module -> module);
    reader =
        () -> {
          // The editor emptied the file; its content comes a moment after serve read it.
          Thread rest =
              new Thread(
                  () -> {
                    try {
                      Thread.sleep(50);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    superseded = true;
                  });
          rest.start();
          throw new BuildFileException(pom, 0, "input contained no data");
        };

    save(RestartPolicy.AUTO, pom);

    assertThat(events).isEmpty();
    assertThat(console()).doesNotContain("cannot read the build files");
  }

  @Test
  void newCompilerSettingsCompileTheModuleWholeWithoutARestart() throws Exception {
    CompilerSettings parameters =
        new CompilerSettings(
            null, null, null, null, true, null, true, false, false, true, false, null, List.of(),
            List.of(), List.of(), null);
    Path pom =
        buildFiles(
            module ->
                !module.name().equals("lib")
                    ? module
                    : new WorkspaceModule(
                        module.name(),
                        module.basedir(),
                        module.sourceRoots(),
                        module.outputDirectory(),
                        module.buildDirectory(),
                        module.dependencies(),
                        module.compileClasspath(),
                        module.runtimeClasspath(),
                        parameters,
                        module.resources()));

    save(RestartPolicy.AUTO, pom);

    assertThat(restarts).isEmpty();
    assertThat(console())
        .contains(
            "[hotpatch] read the build files again: module lib compiles whole (its compiler"
                + " settings changed)");
    assertThat(model.application().module("lib").orElseThrow().compiler()).isEqualTo(parameters);
  }

  @Test
  void oneSaveIsOnePatchOfEveryApplicationEachReportedWithItsOwnMainClassAndPid() throws Exception {
    twoApplications = true;

    save(RestartPolicy.AUTO, editGreeting("v1"));

    assertThat(application.received).hasSize(1);
    assertThat(worker.received).hasSize(1);
    assertThat(events)
        .extracting(
            e -> ((ServeEvent.PatchApplied) e).patchId(),
            e -> ((ServeEvent.PatchApplied) e).app(),
            e -> ((ServeEvent.PatchApplied) e).pid())
        .containsExactly(tuple(1L, "app.Main", 4242L), tuple(1L, "app.Worker", 4343L));
    assertThat(builder.current("lib").version()).isEqualTo(1);
    assertThat(console()).contains("[hotpatch] Worker: lib v1 (1 class: 1 body) applied in");
  }

  @Test
  void anApplicationThatRefusesWhatAnotherTookFallsBehindAndIsToldHowToCatchUp() throws Exception {
    twoApplications = true;
    worker.answers.add(
        id -> PatchDelivery.Outcome.failed(id, "Static initializer of lib.Greeter failed", false));

    save(RestartPolicy.NEVER, editGreeting("v1"));

    assertThat(events)
        .extracting(
            ServeEvent::getClass, e -> e instanceof ServeEvent.PatchRejected r ? r.app() : "")
        .containsExactly(
            tuple(ServeEvent.PatchApplied.class, ""),
            tuple(ServeEvent.PatchRejected.class, "app.Worker"));
    assertThat(builder.current("lib").version()).isEqualTo(1);
    assertThat(played.get(1).behind()).contains("it did not take patch 1, which others took");

    events.clear();
    save(RestartPolicy.NEVER, editGreeting("v2"));

    assertThat(worker.received).hasSize(1);
    assertThat(application.received).hasSize(2);
    ServeEvent.PatchRejected rejected = (ServeEvent.PatchRejected) events.get(1);
    assertThat(rejected.reason()).startsWith("restart required: it did not take patch 1");
    assertThat(rejected.reason()).contains("press r Worker + Enter");
    assertThat(builder.current("lib").version()).isEqualTo(2);
  }

  @Test
  void withRestartAutoAnApplicationThatRefusesWhatAnotherTookStartsAgainOnTheNewCode()
      throws Exception {
    twoApplications = true;
    worker.answers.add(
        id -> PatchDelivery.Outcome.failed(id, "Static initializer of lib.Greeter failed", false));

    save(RestartPolicy.AUTO, editGreeting("v1"));

    assertThat(restarts).isEmpty();
    assertThat(workerRestarts)
        .singleElement()
        .asString()
        .startsWith("it did not take patch 1, which others took");
    assertThat(builder.current("lib").version()).isEqualTo(1);
  }

  @Test
  void whenEveryApplicationRefusesThePatchTheLastGoodCodeStaysCurrent() throws Exception {
    twoApplications = true;
    application.answers.add(id -> PatchDelivery.Outcome.failed(id, "refused", false));
    worker.answers.add(id -> PatchDelivery.Outcome.failed(id, "refused", false));

    save(RestartPolicy.AUTO, editGreeting("v1"));

    assertThat(events).hasSize(2).allMatch(e -> e instanceof ServeEvent.PatchRejected);
    assertThat(builder.current("lib").version()).isZero();
    assertThat(restarts).isEmpty();
    assertThat(workerRestarts).isEmpty();
  }
}
