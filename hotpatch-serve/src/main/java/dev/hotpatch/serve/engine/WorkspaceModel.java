package dev.hotpatch.serve.engine;

import dev.hotpatch.serve.workspace.BuildFileException;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceChange;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import dev.hotpatch.serve.workspace.WorkspaceReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The modules of the application as its build files describe them now, read again through the front
 * end's {@link WorkspaceReader} when one of them changes. Read on the patch thread; other threads
 * see the last reading whole.
 */
final class WorkspaceModel {
  private final WorkspaceReader reader;
  private final String mainModule;
  private volatile Workspace application;

  /**
   * @param reader reads the build files again; null when they are not watched
   * @param application the application's modules as serve started with them
   * @param mainModule the module of the main class
   */
  WorkspaceModel(WorkspaceReader reader, Workspace application, String mainModule) {
    this.reader = reader;
    this.application = application;
    this.mainModule = mainModule;
  }

  Workspace application() {
    return application;
  }

  WorkspaceModule mainModule() {
    return application.module(mainModule).orElseThrow();
  }

  /** Whether {@code file} is a build file that serve reads again when it changes. */
  boolean isBuildFile(Path file) {
    return reader != null && application.buildFiles().contains(file);
  }

  /**
   * Reads the build files again and makes the result current.
   *
   * @return what changed for the application; empty when the build files say nothing new
   * @throws BuildFileException when they cannot be read as they are, or no longer hold the main
   *     class's module; the last good reading stays current
   */
  Optional<WorkspaceChange> read() throws BuildFileException {
    if (reader == null) {
      return Optional.empty();
    }
    Workspace reactor = reader.read();
    WorkspaceModule main = reactor.module(mainModule).orElse(null);
    if (main == null) {
      Path rootPom = reactor.root().resolve("pom.xml");
      throw new BuildFileException(
          rootPom,
          0,
          "module "
              + mainModule
              + ", which holds the main class, is no longer part of the reactor. Add it back, or"
              + " stop serve and start it with another main class");
    }
    Workspace next = reactor.closureOf(main);
    WorkspaceChange change = WorkspaceChange.between(application, next);
    application = next;
    return Optional.of(change);
  }
}
