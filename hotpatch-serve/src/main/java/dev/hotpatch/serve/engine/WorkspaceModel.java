package dev.hotpatch.serve.engine;

import dev.hotpatch.serve.workspace.BuildFileException;
import dev.hotpatch.serve.workspace.Workspace;
import dev.hotpatch.serve.workspace.WorkspaceChange;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import dev.hotpatch.serve.workspace.WorkspaceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The modules of the applications as their build files describe them now, read again through the
 * front end's {@link WorkspaceReader} when one of them changes. Read on the patch thread; other
 * threads see the last reading whole.
 */
final class WorkspaceModel {
  private final WorkspaceReader reader;
  private final List<String> mainModules;

  /** The modules every application loads, together. */
  private volatile Workspace applications;

  /**
   * @param reader reads the build files again; null when they are not watched
   * @param reactor the reactor's modules as serve started with them
   * @param mainModules the modules of the applications' main classes
   */
  WorkspaceModel(WorkspaceReader reader, Workspace reactor, List<String> mainModules) {
    this.reader = reader;
    this.mainModules = List.copyOf(new LinkedHashSet<>(mainModules));
    this.applications = closure(reactor);
  }

  /** The modules of every application: what serve builds and watches. */
  Workspace application() {
    return applications;
  }

  /** The modules the application whose main class {@code mainModule} holds loads. */
  Workspace applicationOf(String mainModule) {
    Workspace now = applications;
    return now.closureOf(now.module(mainModule).orElseThrow());
  }

  WorkspaceModule mainModule(String name) {
    return applications.module(name).orElseThrow();
  }

  /** Whether {@code file} is a build file that serve reads again when it changes. */
  boolean isBuildFile(Path file) {
    return reader != null && applications.buildFiles().contains(file);
  }

  /**
   * Reads the build files again and makes the result current.
   *
   * @return what changed for the applications; empty when the build files say nothing new
   * @throws BuildFileException when they cannot be read as they are, or no longer hold the module
   *     of a main class; the last good reading stays current
   */
  Optional<WorkspaceChange> read() throws BuildFileException {
    if (reader == null) {
      return Optional.empty();
    }
    Workspace reactor = reader.read();
    for (String mainModule : mainModules) {
      if (reactor.module(mainModule).isEmpty()) {
        Path rootPom = reactor.root().resolve("pom.xml");
        throw new BuildFileException(
            rootPom,
            0,
            "module "
                + mainModule
                + ", which holds a main class, is no longer part of the reactor. Add it back, or"
                + " stop serve and start it with another main class");
      }
    }
    Workspace next = closure(reactor);
    WorkspaceChange change = WorkspaceChange.between(applications, next);
    applications = next;
    return Optional.of(change);
  }

  private Workspace closure(Workspace reactor) {
    List<WorkspaceModule> mains = new ArrayList<>();
    mainModules.forEach(name -> mains.add(reactor.module(name).orElseThrow()));
    return reactor.closureOf(mains);
  }
}
