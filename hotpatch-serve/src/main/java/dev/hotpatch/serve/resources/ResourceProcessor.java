package dev.hotpatch.serve.resources;

import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Maven's {@code process-resources} for one changed file: whether it is a resource of a module, and
 * its processed content under its resource name. A front end that has Maven (the plugin) gives
 * Maven's own filtering, so that a patched resource is byte for byte what {@code mvn
 * process-resources} writes; without one, the engine's {@link ResourceFiles} does the common part.
 */
public interface ResourceProcessor {

  /**
   * The resource name under which {@code file} (a changed file, or a deleted file or folder) lands
   * in the class folder, or empty when no {@code <resource>} of the module holds it.
   */
  Optional<String> target(WorkspaceModule module, Path file);

  /**
   * Writes the current content of {@code file} under its resource name into {@code folder}, as
   * Maven would; a file that is gone writes nothing.
   *
   * @return the resource name, or empty when {@code file} is not a resource of the module
   */
  Optional<String> apply(WorkspaceModule module, Path file, Path folder) throws IOException;

  /** The engine's own processing: {@link ResourceFiles}. */
  static ResourceProcessor standalone() {
    return new ResourceProcessor() {
      @Override
      public Optional<String> target(WorkspaceModule module, Path file) {
        return new ResourceFiles(module.resources()).target(file);
      }

      @Override
      public Optional<String> apply(WorkspaceModule module, Path file, Path folder)
          throws IOException {
        return new ResourceFiles(module.resources()).apply(file, folder);
      }
    };
  }
}
