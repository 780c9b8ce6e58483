package dev.hotpatch.serve.workspace;

/**
 * Reads the workspace again from its build files, the way the front end read it when serve started
 * (for Maven: the reactor's poms through Maven's project builder, with the dependencies resolved as
 * the first build resolved them). serve calls it on its patch thread whenever one of {@link
 * Workspace#buildFiles()} changes.
 */
@FunctionalInterface
public interface WorkspaceReader {
  /**
   * The whole workspace as its build files describe it now.
   *
   * @throws BuildFileException when a build file does not parse, or its dependencies do not resolve
   */
  Workspace read() throws BuildFileException;
}
