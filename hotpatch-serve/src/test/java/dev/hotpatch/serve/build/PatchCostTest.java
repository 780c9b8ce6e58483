package dev.hotpatch.serve.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.compile.Workspaces;
import dev.hotpatch.serve.plan.PatchPlanner;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a patch costs follows what changed, not the size of the module or of the workspace: counted
 * in files written, class files read and parsed, and sources compiled, never in time.
 */
class PatchCostTest {
  @TempDir Path dir;

  /** {@code pkgN.Ci}: a constant, a field, a method calling into the class before it. */
  private static String source(String module, int i, String body) {
    String pkg = module + ".p" + (i % 10);
    String previous = i == 0 ? "1" : module + ".p" + ((i - 1) % 10) + ".C" + (i - 1) + ".value()";
    return "package "
        + pkg
        + ";\npublic class C"
        + i
        + " {\n  public static final int ID = "
        + i
        + ";\n  private int count;\n  public static int value() { return "
        + (body == null ? previous + " + " + i : body)
        + "; }\n  public int next() { return ++count; }\n}\n";
  }

  private static String className(String module, int i) {
    return module + ".p" + (i % 10) + ".C" + i;
  }

  private static List<Path> files(Path folder) throws Exception {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void aOneClassEditOfA2000ClassModuleWritesOneClassFileAndParsesAHandful() throws Exception {
    Workspaces builds = new Workspaces(dir);
    for (int i = 0; i < 2000; i++) {
      builds.write("lib", className("lib", i), source("lib", i, null));
    }
    WorkspaceModule lib = builds.module("lib", List.of());
    builds.mavenBuild(lib, List.of());
    Workspace workspace = new Workspace(dir, List.of(lib));
    SnapshotStore snapshots = builds.snapshots();
    PatchBuilder builder =
        new PatchBuilder(
            workspace,
            VersionSource.compiled(builds.compiler()),
            SessionFolder.create(dir.resolve("session")),
            snapshots);
    PatchPlanner planner = new PatchPlanner(workspace);
    builder.warmUpSteps().forEach(step -> step.run(() -> false));
    planner.warmUpSteps(builder.current()).forEach(Runnable::run);
    long read = snapshots.classFilesRead();
    long parsed = snapshots.classesParsed();

    builds.edit("lib", className("lib", 1234), source("lib", 1234, "42"));
    List<ModuleBuild> built =
        builder.build(
            Map.of("lib", Set.of(builds.source("lib", className("lib", 1234)))), Map.of());
    PatchPlanner.Result plan =
        planner.plan(
            builder.current(), built, PatchPlanner.Redefinition.ALLOWED, builder.builtResources());

    assertThat(plan.steps()).hasSize(1);
    assertThat(plan.steps().get(0).describe()).isEqualTo("lib v1 (1 class: 1 body)");
    assertThat(files(built.get(0).folders().get(0)))
        .extracting(f -> f.getFileName().toString())
        .containsExactly("C1234.class");
    assertThat(snapshots.classFilesRead() - read).isZero();
    assertThat(snapshots.classesParsed() - parsed).isBetween(1L, 6L);
  }

  @Test
  void aBodyEditInTheBottomModuleOfA30ModuleReactorCompilesOneFile() throws Exception {
    Workspaces builds = new Workspaces(dir);
    List<WorkspaceModule> modules = new ArrayList<>();
    for (int m = 0; m < 30; m++) {
      String name = String.format("m%02d", m);
      for (int i = 0; i < 5; i++) {
        String body = m == 0 || i > 0 ? null : String.format("m%02d.p4.C4.value() + 1", m - 1);
        builds.write(name, className(name, i), source(name, i, body));
      }
      List<String> dependencies = new ArrayList<>();
      for (int d = m - 1; d >= 0; d--) {
        dependencies.add(String.format("m%02d", d));
      }
      WorkspaceModule module = builds.module(name, dependencies);
      List<Path> classpath = new ArrayList<>();
      for (WorkspaceModule below : modules) {
        classpath.add(below.outputDirectory());
      }
      builds.mavenBuild(module, classpath);
      modules.add(module);
    }
    Workspace workspace = new Workspace(dir, modules);
    PatchBuilder builder =
        new PatchBuilder(
            workspace,
            VersionSource.compiled(builds.compiler()),
            SessionFolder.create(dir.resolve("session")),
            builds.snapshots());

    builds.edit("m00", className("m00", 2), source("m00", 2, "7"));
    List<ModuleBuild> built =
        builder.build(Map.of("m00", Set.of(builds.source("m00", className("m00", 2)))), Map.of());

    assertThat(built).extracting(ModuleBuild::name).containsExactly("m00");
    assertThat(files(built.get(0).folders().get(0))).hasSize(1);
  }

  @Test
  void aChangedConstantRecompilesTheClassesOfOtherModulesThatUseIt() throws Exception {
    Workspaces builds = new Workspaces(dir);
    builds.write(
        "lib",
        "lib.Config",
        "package lib;\npublic class Config { public static final String NAME = \"old\"; }\n");
    builds.write("lib", "lib.Other", "package lib;\npublic class Other {}\n");
    builds.write(
        "app",
        "app.Label",
        "package app;\npublic class Label { public static String text() { return \"name: \" + lib.Config.NAME; } }\n");
    builds.write("app", "app.Quiet", "package app;\npublic class Quiet {}\n");
    WorkspaceModule lib = builds.module("lib", List.of());
    WorkspaceModule app = builds.module("app", List.of("lib"));
    builds.mavenBuild(lib, List.of());
    builds.mavenBuild(app, List.of(lib.outputDirectory()));
    PatchBuilder builder =
        new PatchBuilder(
            new Workspace(dir, List.of(lib, app)),
            VersionSource.compiled(builds.compiler()),
            SessionFolder.create(dir.resolve("session")),
            builds.snapshots());

    builds.edit(
        "lib",
        "lib.Config",
        "package lib;\npublic class Config { public static final String NAME = \"new\"; }\n");
    List<ModuleBuild> built =
        builder.build(Map.of("lib", Set.of(builds.source("lib", "lib.Config"))), Map.of());

    assertThat(built).extracting(ModuleBuild::name).containsExactly("lib", "app");
    assertThat(files(built.get(1).folders().get(0)))
        .extracting(f -> f.getFileName().toString())
        .containsExactly("Label.class");
    assertThat(new String(built.get(1).classes().bytes("app/Label").orElseThrow(), "ISO-8859-1"))
        .contains("name: new");
  }

  @Test
  void aClassDeletedReaddedAndRevertedStillResolvesAfter100Patches() throws Exception {
    Workspaces builds = new Workspaces(dir);
    builds.write(
        "lib",
        "lib.Keep",
        "package lib;\npublic class Keep { public static int v() { return 0; } }\n");
    builds.write("lib", "lib.Gone", "package lib;\npublic class Gone {}\n");
    WorkspaceModule lib = builds.module("lib", List.of());
    builds.mavenBuild(lib, List.of());
    PatchBuilder builder =
        new PatchBuilder(
            new Workspace(dir, List.of(lib)),
            VersionSource.compiled(builds.compiler()),
            SessionFolder.create(dir.resolve("session")),
            builds.snapshots());
    Path gone = builds.source("lib", "lib.Gone");

    for (int patch = 1; patch <= 100; patch++) {
      switch (patch % 3) {
        case 1 -> Files.delete(gone);
        case 2 ->
            builds.edit(
                "lib", "lib.Gone", "package lib;\npublic class Gone { int n" + patch + "; }\n");
        default -> builds.edit("lib", "lib.Gone", "package lib;\npublic class Gone {}\n");
      }
      builds.edit(
          "lib",
          "lib.Keep",
          "package lib;\npublic class Keep { public static int v() { return " + patch + "; } }\n");
      List<ModuleBuild> built =
          builder.build(Map.of("lib", Set.of(gone, builds.source("lib", "lib.Keep"))), Map.of());
      builder.commit(built);
      ModuleBuild current = builder.current("lib");
      boolean present = patch % 3 != 1;
      assertThat(current.hasFile("lib/Gone.class")).as("patch %d", patch).isEqualTo(present);
      assertThat(current.classes().contains("lib/Gone")).as("patch %d", patch).isEqualTo(present);
      assertThat(current.hasFile("lib/Keep.class")).isTrue();
    }
    assertThat(builder.current("lib").version()).isEqualTo(100);
  }
}
