package dev.hotpatch.serve.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hotpatch.HotFacade;
import dev.hotpatch.diff.PlannedModule;
import dev.hotpatch.diff.SnapshotStore;
import dev.hotpatch.serve.build.Layer;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.compile.Workspaces;
import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a structural patch reaches running code. Here {@code app} never calls {@code Hot}: it
 * holds a {@code lib.Counter} it was handed, so a new loader of {@code lib} reaches the application
 * only if {@code lib} registers the implementation of that {@code @HotFacade}.
 */
class PatchPlannerTest {
  @TempDir Path dir;
  private final SnapshotStore snapshots = new SnapshotStore();

  @Test
  void aReloadedModuleThatRegistersAFacadeImplementationIsReachedThroughItsFacade()
      throws Exception {
    PatchPlanner.Result plan = planFieldAddedToTheImplementation(true);

    assertThat(plan.steps())
        .extracting(s -> s.build().name(), s -> s.plan().strategy())
        .containsExactly(tuple("lib", PlannedModule.Strategy.NEW_LOADER));
    assertThat(plan.unreachable()).isNull();
    assertThat(plan.restartReason()).isNull();
  }

  @Test
  void withoutTheRegistrationTheSameChangeIsNamedUnreachable() throws Exception {
    PatchPlanner.Result plan = planFieldAddedToTheImplementation(false);

    assertThat(plan.unreachable())
        .startsWith("lib.CounterImpl")
        .endsWith(
            ": no Hot.call or Hot.facade in lib leads to the new code, so the running application"
                + " would keep the old one");
  }

  private PatchPlanner.Result planFieldAddedToTheImplementation(boolean registered)
      throws Exception {
    WorkspaceModule lib = module("lib", List.of());
    WorkspaceModule app = module("app", List.of("lib"));
    Path api = Path.of(HotFacade.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    write(lib, "Counter", "@dev.hotpatch.HotFacade public interface Counter { int next(); }");
    write(
        lib,
        "CounterImpl",
        "public class CounterImpl implements Counter {"
            + " int count; public int next() { return ++count; } }");
    write(app, "Main", "class Main { int tick(lib.Counter counter) { return counter.next(); } }");
    Path libV0 = compile(lib, List.of(api), "lib/v0", registered);
    Path appV0 = compile(app, List.of(api, libV0), "app/v0", false);

    write(
        lib,
        "CounterImpl",
        "public class CounterImpl implements Counter {"
            + " int count; int calls; public int next() { calls++; return ++count; } }");
    Path libV1 = compile(lib, List.of(api), "lib/v1", registered);
    Path appV1 = compile(app, List.of(api, libV1), "app/v1", false);

    PatchPlanner planner = new PatchPlanner(new Workspace(dir, List.of(lib, app)));
    return planner.plan(
        List.of(build("lib", 0, libV0, List.of()), build("app", 0, appV0, List.of("lib"))),
        List.of(build("lib", 1, libV1, List.of()), build("app", 1, appV1, List.of("lib"))),
        PatchPlanner.Redefinition.ALLOWED,
        Map.of());
  }

  private ModuleBuild build(String name, int version, Path folder, List<String> dependencies)
      throws Exception {
    return new ModuleBuild(
        name, version, List.of(Layer.of(folder)), dependencies, snapshots.read(folder));
  }

  private WorkspaceModule module(String name, List<String> dependencies) {
    Path home = dir.resolve(name);
    return new WorkspaceModule(
        name,
        home,
        List.of(home.resolve("src")),
        home.resolve("classes"),
        home.resolve("target"),
        dependencies,
        List.of(),
        List.of(),
        CompilerSettings.defaults());
  }

  private void write(WorkspaceModule module, String className, String source) throws Exception {
    Path file = module.sourceRoots().get(0).resolve(module.name()).resolve(className + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "package " + module.name() + ";\n" + source);
  }

  private Path compile(
      WorkspaceModule module, List<Path> classpath, String folder, boolean registerCounter)
      throws Exception {
    Path output = dir.resolve("builds").resolve(folder);
    Workspaces.javac(module, classpath, output);
    if (registerCounter) {
      Path services = output.resolve("META-INF/services/lib.Counter");
      Files.createDirectories(services.getParent());
      Files.writeString(services, "lib.CounterImpl\n");
    }
    return output;
  }
}
