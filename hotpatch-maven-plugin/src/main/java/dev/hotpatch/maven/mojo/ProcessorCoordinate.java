package dev.hotpatch.maven.mojo;

import java.util.List;

/**
 * One {@code <path>} of maven-compiler-plugin's {@code <annotationProcessorPaths>}.
 *
 * @param groupId as configured
 * @param artifactId as configured
 * @param version as configured, or null to take it from dependency management
 * @param classifier empty for none
 * @param type {@code jar} unless configured
 * @param exclusions {@code groupId:artifactId} of transitive dependencies left out ({@code *} for
 *     any)
 */
record ProcessorCoordinate(
    String groupId,
    String artifactId,
    String version,
    String classifier,
    String type,
    List<String> exclusions) {

  ProcessorCoordinate {
    exclusions = List.copyOf(exclusions);
  }

  /** {@code groupId:artifactId:version} as the pom spells it, for messages. */
  String describe() {
    return groupId + ":" + artifactId + (version == null ? "" : ":" + version);
  }
}
