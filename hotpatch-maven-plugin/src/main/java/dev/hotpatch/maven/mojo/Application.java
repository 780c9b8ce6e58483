package dev.hotpatch.maven.mojo;

import dev.hotpatch.serve.ApplicationSpec;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;

/**
 * One {@code <application>} of serve's {@code <applications>}: Maven fills the fields from the
 * plugin configuration. A setting left out takes serve's own ({@code <args>}, {@code <jvmArgs>},
 * {@code <workingDirectory>}).
 */
public class Application {
  /** Its main class; required. */
  private String mainClass;

  /** Its arguments, separated by spaces as on a command line. */
  private String args;

  /** Options of its JVM, separated by spaces. */
  private String jvmArgs;

  /** Its working directory, relative to the reactor root unless absolute. */
  private String workingDirectory;

  ApplicationSpec toSpec(int index) throws MojoFailureException {
    String where = "<applications> entry " + index;
    return new ApplicationSpec(
        mainClass == null || mainClass.isBlank() ? null : mainClass.strip(),
        args == null ? null : ArgumentLines.split(where + " <args>", args),
        jvmArgs == null ? null : ArgumentLines.split(where + " <jvmArgs>", jvmArgs),
        workingDirectory == null || workingDirectory.isBlank() ? null : Path.of(workingDirectory));
  }
}
