package dev.hotpatch.serve.workspace;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * What Maven's resources step needs for one module.
 *
 * @param roots the module's {@code <resources>}, in the build's order
 * @param filterValues the values that filtered resources may name: the project's properties, its
 *     {@code project.*} coordinates and folders, then Maven's user and system properties
 * @param encoding how filtered resources are read and written
 */
public record ModuleResources(
    List<ResourceRoot> roots, Map<String, String> filterValues, Charset encoding) {

  public ModuleResources {
    roots = List.copyOf(roots);
    filterValues = Map.copyOf(filterValues);
  }

  /** A module without resources. */
  public static ModuleResources none() {
    return new ModuleResources(List.of(), Map.of(), Charset.defaultCharset());
  }
}
