package dev.hotpatch.runtime.channel;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes the layers that come inside a remote application's patches into its own layers folder and
 * makes each the newest layer of its module's current version: from then on the patch is loaded
 * exactly as a local one, from folders.
 */
final class InlineLayers {
  private final Path folder;
  private final Supplier<List<ModuleVersion>> current;

  /**
   * Names each layer's folder: patch numbers start again with each serve session, and a folder that
   * a loaded version reads is never written again.
   */
  private final AtomicLong layers = new AtomicLong();

  private final long pid = ProcessHandle.current().pid();

  /**
   * @param folder where layers are written, a folder per module and layer; one of the patch roots
   * @param current the modules' current versions, which a layer goes on top of
   */
  InlineLayers(Path folder, Supplier<List<ModuleVersion>> current) {
    this.folder = folder;
    this.current = current;
  }

  /**
   * The modules of patch {@code patchId} with each inline layer written and put on top of its
   * module's current layers.
   *
   * @throws BadMessageException when a layer names a file outside its folder, or a module the
   *     application does not load without holding the whole of it
   */
  List<ModulePatch> write(long patchId, List<ModulePatch> modules, Map<String, InlineLayer> layers)
      throws BadMessageException, IOException {
    List<ModulePatch> written = new ArrayList<>();
    for (ModulePatch patch : modules) {
      InlineLayer layer = layers.get(patch.name());
      written.add(layer == null ? patch : onTop(patchId, patch, layer));
    }
    return written;
  }

  private ModulePatch onTop(long patchId, ModulePatch patch, InlineLayer layer)
      throws BadMessageException, IOException {
    ModuleVersion module = patch.module();
    ModuleVersion now =
        current.get().stream().filter(m -> m.name().equals(module.name())).findFirst().orElse(null);
    if (now == null && !layer.whole()) {
      throw refused(
          patchId,
          "module " + module.name() + " is not loaded here, and its layer does not hold all of it");
    }
    List<Path> classes = new ArrayList<>();
    List<Set<String>> deleted = new ArrayList<>();
    if (!layer.isEmpty()) {
      classes.add(writeLayer(patchId, module.name(), layer));
      deleted.add(layer.deleted());
    }
    if (!layer.whole()) {
      classes.addAll(now.classes());
      deleted.addAll(now.deleted());
    }
    // serve numbers versions per session; a remote application may have outlived several.
    int version = now == null ? module.version() : Math.max(module.version(), now.version() + 1);
    return new ModulePatch(
        new ModuleVersion(module.name(), version, classes, deleted, module.dependencies()),
        patch.strategy(),
        patch.changedClasses(),
        patch.renames(),
        patch.removed(),
        patch.changedResources());
  }

  private Path writeLayer(long patchId, String module, InlineLayer layer)
      throws BadMessageException, IOException {
    Path target =
        folder
            .resolve(safeName(patchId, module, "module"))
            .resolve(pid + "-" + layers.incrementAndGet());
    Files.createDirectories(target);
    for (Map.Entry<String, byte[]> file : layer.files().entrySet()) {
      Path path = target.resolve(safeName(patchId, file.getKey(), "file"));
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    return target;
  }

  /**
   * {@code name} when it is a relative resource name that stays inside its folder: no absolute
   * path, no {@code .} or {@code ..} segment, no empty segment, no backslash.
   */
  private static String safeName(long patchId, String name, String what)
      throws BadMessageException {
    boolean safe = !name.isEmpty() && !name.startsWith("/") && !name.contains("\\");
    for (String segment : name.split("/", -1)) {
      safe &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
    }
    if (!safe || name.indexOf('\0') >= 0) {
      throw refused(
          patchId,
          "its layer names the " + what + " \"" + name + "\", which is not a plain relative name");
    }
    return name;
  }

  private static BadMessageException refused(long patchId, String why) {
    return new BadMessageException(
        "Patch " + patchId + " refused: " + why + ". Nothing was applied.", patchId);
  }
}
