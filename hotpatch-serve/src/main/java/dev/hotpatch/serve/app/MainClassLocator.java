package dev.hotpatch.serve.app;

import dev.hotpatch.serve.ServeException;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Finds which module holds the main class, or the only main class when none is configured. */
public final class MainClassLocator {

  /** A main class and the module that holds it. */
  public record MainClass(String className, WorkspaceModule module) {}

  private MainClassLocator() {}

  public static MainClass locate(Workspace workspace, String mainClass) throws ServeException {
    if (workspace.modules().isEmpty()) {
      throw new ServeException(
          "No module with code in the reactor at "
              + workspace.root()
              + ": every project in it has packaging pom. Run hotpatch:serve at the root of the"
              + " reactor that builds your application, with its modules in <modules>.");
    }
    if (mainClass != null && !mainClass.isBlank()) {
      String file = mainClass.replace('.', '/') + ".class";
      for (WorkspaceModule module : workspace.modules()) {
        if (Files.isRegularFile(module.outputDirectory().resolve(file))) {
          return new MainClass(mainClass, module);
        }
      }
      throw new ServeException(
          "Main class "
              + mainClass
              + " is not in any module of the reactor at "
              + workspace.root()
              + ". Check <mainClass> in the hotpatch-maven-plugin configuration or -Dhotpatch.mainClass"
              + candidatesHint(workspace)
              + ".");
    }
    List<MainClass> candidates = candidates(workspace);
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty()) {
      throw new ServeException(
          "No main class configured and none found in the modules of the reactor ("
              + String.join(", ", workspace.modules().stream().map(WorkspaceModule::name).toList())
              + "). Set <mainClass> in the hotpatch-maven-plugin configuration or pass"
              + " -Dhotpatch.mainClass=<class>, naming a class with public static void"
              + " main(String[]) in one of these modules.");
    }
    throw new ServeException(
        "No main class configured and the reactor has several: "
            + describe(candidates)
            + ". Choose one with -Dhotpatch.mainClass=<class> or <mainClass> in the hotpatch-maven-plugin configuration.");
  }

  private static String candidatesHint(Workspace workspace) {
    List<MainClass> candidates = candidates(workspace);
    return candidates.isEmpty() ? "" : " (main classes found: " + describe(candidates) + ")";
  }

  private static String describe(List<MainClass> candidates) {
    return String.join(
        ", ",
        candidates.stream().map(c -> c.className() + " (" + c.module().name() + ")").toList());
  }

  static List<MainClass> candidates(Workspace workspace) {
    List<MainClass> found = new ArrayList<>();
    for (WorkspaceModule module : workspace.modules()) {
      Path classes = module.outputDirectory();
      if (!Files.isDirectory(classes)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(classes)) {
        for (Path file : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
          String name = mainClassIn(file);
          if (name != null) {
            found.add(new MainClass(name, module));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the classes under " + classes, e);
      }
    }
    return found;
  }

  private static String mainClassIn(Path classFile) throws IOException {
    try (InputStream in = Files.newInputStream(classFile)) {
      ClassReader reader = new ClassReader(in);
      boolean[] hasMain = {false};
      reader.accept(
          new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
              int wanted = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
              if (name.equals("main")
                  && descriptor.equals("([Ljava/lang/String;)V")
                  && (access & wanted) == wanted) {
                hasMain[0] = true;
              }
              return null;
            }
          },
          ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return hasMain[0] ? reader.getClassName().replace('/', '.') : null;
    }
  }
}
