package dev.hotpatch.serve.engine;

import dev.hotpatch.diff.ModuleDiff;
import dev.hotpatch.diff.PlannedModule;
import dev.hotpatch.serve.app.MainClassLocator;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.channel.Address;
import dev.hotpatch.serve.channel.PatchDelivery;
import dev.hotpatch.serve.channel.PatchServer;
import dev.hotpatch.serve.channel.RemoteDelivery;
import dev.hotpatch.serve.channel.RemoteKeys;
import dev.hotpatch.serve.channel.WarmRestart;
import dev.hotpatch.serve.console.Console;
import dev.hotpatch.serve.event.ServeEvent;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An application that serve did not start: it runs from a bundle, in a container or on another
 * host, and connects to serve's remote channel. Its patches carry their classes; when it connects,
 * again or for the first time, one patch brings it from what it says it has to the current builds.
 * A restart is a request to it: it starts again from its bundle.
 */
final class RemoteApplication implements RunningApplication {
  private final ServedApplication.Session shared;
  private final MainClassLocator.MainClass main;
  private final Console console;
  private final PatchServer server;
  private final RemoteDelivery delivery;
  private final PatchPlanner planner;
  private final PatchReports reports;
  private final CountDownLatch quit = new CountDownLatch(1);

  /** A bundle that keeps retrying may connect while the constructor still runs. */
  private final CountDownLatch constructed = new CountDownLatch(1);

  private final Workspace launchedWith;

  private volatile long pid;
  private volatile String behind;

  /** Opens the remote channel on {@code address} with the reactor's {@code keys}. */
  RemoteApplication(
      ServedApplication.Session shared,
      MainClassLocator.MainClass main,
      Console console,
      Address address,
      RemoteKeys keys)
      throws Exception {
    this.shared = shared;
    this.main = main;
    this.console = console;
    this.server = PatchServer.startRemote(address, keys, new Listener());
    this.delivery = new RemoteDelivery(server);
    this.launchedWith = modules();
    this.planner = new PatchPlanner(launchedWith);
    this.reports = new PatchReports(shared.events(), console, main.className(), () -> pid);
    constructed.countDown();
  }

  PatchServer server() {
    return server;
  }

  /** Serves until {@link #quit}; a remote application's own end is not serve's. */
  int run() throws InterruptedException {
    quit.await();
    return 0;
  }

  void quit() {
    quit.countDown();
  }

  void close() {
    try {
      server.close();
    } catch (Exception ignored) {
      // Shutting down: nothing left to report to.
    }
  }

  @Override
  public Workspace modules() {
    return shared.model().applicationOf(main.module().name());
  }

  @Override
  public Workspace launchedWith() {
    // Its class path is its bundle's: a change of it takes a new bundle.
    return launchedWith;
  }

  @Override
  public boolean exited() {
    return quit.getCount() == 0;
  }

  @Override
  public boolean crashed() {
    return false;
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
    return reports;
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
    return "r";
  }

  @Override
  public boolean catchesUp() {
    return true;
  }

  /** Asks the application to start again from its bundle; it catches up when it connects. */
  @Override
  public void restart(String reason) {
    String build = server.connectedBuild();
    if (build == null) {
      console.warn(
          "the remote application is not connected, so it cannot restart now ("
              + reason
              + "); it gets the current code when it connects again.");
      return;
    }
    if (WorkspaceChange.between(launchedWith, modules()).restartReason() != null) {
      console.error(
          "the remote application's libraries changed ("
              + reason
              + "): its bundle holds the old ones. Run mvn hotpatch:bundle again and start the"
              + " application from the new bundle.");
      return;
    }
    publish(
        new ServeEvent.Restart(
            Instant.now(), reason, ServeEvent.Restart.JVM, null, main.className(), pid));
    console.warn("asking the remote application to start again from its bundle: " + reason);
    WarmRestart.Outcome outcome =
        WarmRestart.through(server)
            .restart(shared.ids().next(), build, shared.request().stopTimeout());
    if (outcome.kind() != WarmRestart.Kind.STARTED) {
      console.warn("the remote application did not restart: " + outcome.why());
    }
  }

  @Override
  public String endedWithin(Duration wait) {
    return server.connected() ? null : "the remote application is not connected";
  }

  @Override
  public String behind() {
    return behind;
  }

  @Override
  public void fellBehind(String why) {
    behind = why;
    console.warn(
        "runs its last good code: " + why + ". r + Enter restarts it from its bundle, up to date.");
  }

  private void publish(ServeEvent event) {
    shared.events().on(event);
  }

  private List<ModuleBuild> currentBuilds() {
    return shared.currentBuilds(modules());
  }

  /**
   * One patch from what the application has to the current builds: new loaders for the modules that
   * differ and for those that depend on them. Runs on the patch thread.
   */
  private void catchUp() {
    List<ModuleBuild> current = currentBuilds();
    Set<String> differ = new HashSet<>();
    for (ModuleBuild build : current) {
      if (delivery.differs(build)) {
        differ.add(build.name());
      }
    }
    if (differ.isEmpty()) {
      console.info("the remote application (process " + pid + ") runs the current code");
      return;
    }
    List<PatchPlanner.Step> steps = new ArrayList<>();
    for (ModuleBuild build : current) {
      boolean own = differ.contains(build.name());
      if (own || build.dependencies().stream().anyMatch(differ::contains)) {
        steps.add(
            new PatchPlanner.Step(
                build,
                new PlannedModule(
                    build.name(),
                    PlannedModule.Strategy.NEW_LOADER,
                    own
                        ? "catching up: the application's files differ from the current build"
                        : "depends on a module that catches up"),
                ModuleDiff.compare(build.classes(), build.classes()),
                Set.of()));
      }
    }
    console.info(
        "bringing the remote application up to date: "
            + steps.stream()
                .map(step -> step.build().name())
                .filter(differ::contains)
                .collect(Collectors.joining(", "))
            + " differ from the current builds");
    long patchId = shared.ids().next();
    long started = System.nanoTime();
    PatchDelivery.Outcome outcome = delivery.send(patchId, steps);
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (outcome.failure() != null) {
      reports.rejected(patchId, steps, outcome.failure());
      return;
    }
    behind = null;
    reports.applied(
        patchId,
        steps,
        outcome.warnings(),
        new PatchReports.Timings("compile", 0, 0, 0, millis, millis));
  }

  private final class Listener implements PatchServer.Listener {
    @Override
    public void connected(long connectedPid) {
      connectedRemote(connectedPid, null);
    }

    @Override
    public void connectedRemote(long connectedPid, Map<String, Map<String, String>> content) {
      try {
        if (!constructed.await(30, TimeUnit.SECONDS)) {
          return; // serve did not get going: it reports that itself
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pid = connectedPid;
      delivery.connected(content);
      console.info("a remote application connected (process " + connectedPid + ")");
      publish(
          new ServeEvent.Ready(
              Instant.now(),
              connectedPid,
              0,
              currentBuilds().stream()
                  .map(b -> new ServeEvent.ModuleVersion(b.name(), b.version()))
                  .toList(),
              main.className()));
      shared.patchThread().execute(RemoteApplication.this::catchUp);
    }

    @Override
    public void disconnected() {
      console.warn(
          "the remote application (process "
              + pid
              + ") disconnected; it runs its code on, and catches up when it connects again");
    }

    @Override
    public void rejected(String line) {
      console.warn(line);
    }
  }
}
