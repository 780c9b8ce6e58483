package dev.hotpatch.serve;

import java.nio.file.Path;
import java.util.List;

/**
 * One application that serve starts and patches.
 *
 * <p>In {@link ServeRequest.Builder#applications}, a null setting takes the request's default.
 *
 * @param mainClass its main class, or null to find the workspace's only one
 * @param args its arguments
 * @param jvmArgs options for its JVM
 * @param workingDirectory its working directory, relative to the reactor root unless absolute; null
 *     for the root itself
 */
public record ApplicationSpec(
    String mainClass, List<String> args, List<String> jvmArgs, Path workingDirectory) {
  public ApplicationSpec {
    args = args == null ? null : List.copyOf(args);
    jvmArgs = jvmArgs == null ? null : List.copyOf(jvmArgs);
  }
}
