package dev.hotpatch.serve.build;

import java.nio.file.Path;
import java.util.Set;

/**
 * One folder of a module version: the files that version wrote, over the folders of the versions
 * before it. A layer is never written again once the application may read it.
 *
 * @param folder the folder
 * @param deleted the names of files ({@code lib/Old.class}, {@code config.properties}) that this
 *     version no longer has, hidden in the layers below
 */
public record Layer(Path folder, Set<String> deleted) {
  public Layer {
    deleted = Set.copyOf(deleted);
  }

  /** A layer that hides nothing. */
  public static Layer of(Path folder) {
    return new Layer(folder, Set.of());
  }
}
