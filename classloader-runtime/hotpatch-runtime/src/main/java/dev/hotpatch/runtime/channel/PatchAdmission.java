package dev.hotpatch.runtime.channel;

import dev.hotpatch.runtime.ModulePatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a well-formed patch is meant for this application and may be loaded: it names
 * this process and this start's build id, its number is higher than any seen before, and every
 * class folder it names lies, symbolic links resolved, inside the session's own output area.
 * Whoever gets a patch past this check runs code in the application, so it fails closed.
 */
final class PatchAdmission {
  private final long pid;
  private String buildId; // guarded by this
  private final List<Path> roots;
  private long highestPatchId; // guarded by this

  /**
   * Folders admitted before: a version names every layer of its module, and layers are never
   * written again, so only the new ones are resolved (guarded by this).
   */
  private final Set<Path> admitted = new HashSet<>();

  /**
   * @param roots the folders a patch may load classes from; each is resolved to its real path here,
   *     and one that does not exist admits nothing
   */
  PatchAdmission(long pid, String buildId, List<Path> roots) {
    this.pid = pid;
    this.buildId = buildId;
    this.roots = new ArrayList<>();
    for (Path root : roots) {
      try {
        this.roots.add(root.toRealPath());
      } catch (IOException e) {
        // A root that is not there cannot hold a class folder; leaving it out fails closed.
      }
    }
  }

  /**
   * Admits {@code patch} or says why not.
   *
   * @throws BadMessageException naming the patch and what was wrong; nothing was applied
   */
  synchronized void check(PatchMessages.Incoming message) throws BadMessageException {
    checkAddress(message);
    if (message instanceof PatchMessages.Patch patch) {
      checkFolders(patch);
    }
    highestPatchId = message.patchId();
  }

  /**
   * A remote application connected to a serve session that may be a new one, whose patch numbers
   * start again from 1; a replay would still need this connection, which TLS and the secret guard.
   */
  synchronized void newSession() {
    highestPatchId = 0;
  }

  /** The application started again, warm, as {@code next}: messages must name it from now on. */
  synchronized void restarted(String next) {
    buildId = next;
  }

  private void checkAddress(PatchMessages.Incoming patch) throws BadMessageException {
    long id = patch.patchId();
    if (patch.pid() != pid) {
      throw refused(id, "it is meant for process " + patch.pid() + ", this is process " + pid);
    }
    if (!patch.buildId().equals(buildId)) {
      throw refused(
          id,
          "it is meant for build \"" + patch.buildId() + "\", this is build \"" + buildId + "\"");
    }
    if (id <= highestPatchId) {
      throw refused(
          id, "patch " + highestPatchId + " came already and patch numbers only grow (a replay?)");
    }
  }

  private void checkFolders(PatchMessages.Patch patch) throws BadMessageException {
    long id = patch.patchId();
    Set<Path> confined = new HashSet<>();
    for (ModulePatch module : patch.modules()) {
      for (Path folder : module.module().classes()) {
        if (!admitted.contains(folder)) {
          confine(id, module.module().name(), folder);
          confined.add(folder);
        }
      }
    }
    admitted.addAll(confined);
  }

  private void confine(long id, String module, Path folder) throws BadMessageException {
    if (!folder.isAbsolute()) {
      throw refused(id, "the class folder " + folder + " of module " + module + " is not absolute");
    }
    Path real;
    try {
      real = folder.toRealPath();
    } catch (IOException e) {
      throw refused(id, "the class folder " + folder + " of module " + module + " does not exist");
    }
    for (Path root : roots) {
      if (real.startsWith(root)) {
        return;
      }
    }
    throw refused(
        id,
        "the class folder "
            + folder
            + (real.equals(folder.normalize()) ? "" : " (really " + real + ")")
            + " of module "
            + module
            + " lies outside the session's output area "
            + (roots.isEmpty() ? "(the launch manifest names none)" : roots));
  }

  private static BadMessageException refused(long patchId, String why) {
    return new BadMessageException(
        "Patch " + patchId + " refused: " + why + ". Nothing was applied.", patchId);
  }
}
