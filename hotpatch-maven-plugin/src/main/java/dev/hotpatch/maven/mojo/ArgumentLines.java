package dev.hotpatch.maven.mojo;

import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.util.cli.CommandLineUtils;

/** Splits a parameter that holds a command line's worth of arguments, as a shell would. */
final class ArgumentLines {
  private ArgumentLines() {}

  static List<String> split(String parameter, String line) throws MojoFailureException {
    if (line == null || line.isBlank()) {
      return List.of();
    }
    try {
      return List.of(CommandLineUtils.translateCommandline(line));
    } catch (Exception e) {
      throw new MojoFailureException(
          "Cannot split "
              + parameter
              + " ("
              + line
              + "): "
              + e.getMessage()
              + ". Check its quotes.",
          e);
    }
  }
}
