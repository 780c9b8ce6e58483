package dev.hotpatch.serve.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.serve.ServeException;
import dev.hotpatch.serve.compile.Workspaces;
import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainClassLocatorTest {
  @TempDir Path dir;

  private WorkspaceModule compiled(String name, String... classes) throws Exception {
    Path root = dir.resolve(name).resolve("src");
    for (String source : classes) {
      String simpleName = source.replaceAll("(?s).*class (\\w+).*", "$1");
      Path file = root.resolve(name).resolve(simpleName + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "package " + name + ";\n" + source);
    }
    WorkspaceModule module =
        new WorkspaceModule(
            name,
            dir.resolve(name),
            List.of(root),
            dir.resolve(name).resolve("classes"),
            dir.resolve(name).resolve("target"),
            List.of(),
            List.of(),
            List.of(),
            CompilerSettings.defaults());
    new Workspaces(dir).mavenBuild(module, List.of());
    return module;
  }

  private Workspace workspace(WorkspaceModule... modules) {
    return new Workspace(dir, new ArrayList<>(List.of(modules)));
  }

  @Test
  void configuredMainClassIsFoundInItsModule() throws Exception {
    Workspace ws =
        workspace(
            compiled("lib", "public class Util {}"),
            compiled("app", "public class Main { public static void main(String[] a) {} }"));
    MainClassLocator.MainClass main = MainClassLocator.locate(ws, "app.Main");
    assertThat(main.className()).isEqualTo("app.Main");
    assertThat(main.module().name()).isEqualTo("app");
  }

  @Test
  void theOnlyMainClassIsChosenWhenNoneIsConfigured() throws Exception {
    Workspace ws =
        workspace(
            compiled("lib", "public class Util { static void main(String[] a) {} }"),
            compiled("app", "public class Main { public static void main(String[] a) {} }"));
    assertThat(MainClassLocator.locate(ws, null).className()).isEqualTo("app.Main");
  }

  @Test
  void severalCandidatesAreListed() throws Exception {
    Workspace ws =
        workspace(
            compiled("tool", "public class Tool { public static void main(String[] a) {} }"),
            compiled("app", "public class Main { public static void main(String[] a) {} }"));
    assertThatThrownBy(() -> MainClassLocator.locate(ws, null))
        .isInstanceOf(ServeException.class)
        .hasMessage(
            "No main class configured and the reactor has several: tool.Tool (tool), app.Main (app)."
                + " Choose one with -Dhotpatch.mainClass=<class> or <mainClass> in the"
                + " hotpatch-maven-plugin configuration.");
  }

  @Test
  void aMissingConfiguredClassNamesTheParameterAndTheCandidates() throws Exception {
    Workspace ws =
        workspace(compiled("app", "public class Main { public static void main(String[] a) {} }"));
    assertThatThrownBy(() -> MainClassLocator.locate(ws, "app.Mian"))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("Main class app.Mian is not in any module")
        .hasMessageContaining("-Dhotpatch.mainClass")
        .hasMessageContaining("main classes found: app.Main (app)");
  }

  @Test
  void noCandidateNamesTheModulesSearchedAndTheParameter() throws Exception {
    Workspace ws =
        workspace(
            compiled("lib", "public class Util {}"),
            compiled("app", "public class Main { static void main(String[] a) {} }"));
    assertThatThrownBy(() -> MainClassLocator.locate(ws, null))
        .isInstanceOf(ServeException.class)
        .hasMessage(
            "No main class configured and none found in the modules of the reactor (lib, app). Set"
                + " <mainClass> in the hotpatch-maven-plugin configuration or pass"
                + " -Dhotpatch.mainClass=<class>, naming a class with public static void"
                + " main(String[]) in one of these modules.");
  }

  @Test
  void aReactorOfPomsOnlyIsAnErrorOfItsOwn() {
    assertThatThrownBy(() -> MainClassLocator.locate(workspace(), "app.Main"))
        .isInstanceOf(ServeException.class)
        .hasMessage(
            "No module with code in the reactor at "
                + dir
                + ": every project in it has packaging pom. Run hotpatch:serve at the root of the"
                + " reactor that builds your application, with its modules in <modules>.");
  }
}
