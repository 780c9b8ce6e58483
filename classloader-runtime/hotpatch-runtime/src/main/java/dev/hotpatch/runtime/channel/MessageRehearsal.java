package dev.hotpatch.runtime.channel;

import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.MessageType;
import dev.hotpatch.protocol.Protocol;
import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import dev.hotpatch.runtime.PatchResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message half of the application's warm-up: a patch message goes through the reader of serve's
 * real ones, and its result through the writer of real results, so that the first real patch finds
 * the JSON code loaded and compiled.
 */
public final class MessageRehearsal {
  private MessageRehearsal() {}

  /**
   * Writes a patch message for {@code modules} and reads it back as a real one is read.
   *
   * @throws IllegalStateException if the reader refuses it, which would be a bug
   */
  public static List<ModulePatch> readBack(long patchId, List<ModulePatch> modules) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(Fields.TYPE, MessageType.PATCH.wireName());
    message.put(Fields.PROTOCOL, Protocol.VERSION);
    message.put(Fields.PID, ProcessHandle.current().pid());
    message.put(Fields.BUILD_ID, "rehearsal");
    message.put(Fields.PATCH_ID, patchId);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (ModulePatch patch : modules) {
      entries.add(entry(patch));
    }
    message.put(Fields.MODULES, entries);
    try {
      PatchMessages.Patch read = (PatchMessages.Patch) PatchMessages.read(Json.write(message));
      return read.modules();
    } catch (BadMessageException e) {
      throw new IllegalStateException("The rehearsal's patch message is refused: " + e, e);
    }
  }

  /** Writes the result message of {@code result}, as for serve, and drops it. */
  public static void writeResult(PatchResult result) {
    PatchMessages.result(result);
  }

  private static Map<String, Object> entry(ModulePatch patch) {
    ModuleVersion module = patch.module();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put(Fields.NAME, module.name());
    entry.put(Fields.VERSION, module.version());
    entry.put(Fields.CLASSES, module.classes().stream().map(Path::toString).toList());
    entry.put(Fields.DELETED, module.deleted().stream().map(List::copyOf).toList());
    entry.put(Fields.DEPENDENCIES, module.dependencies());
    entry.put(Fields.STRATEGY, patch.strategy().wireName());
    entry.put(Fields.CHANGED_CLASSES, List.copyOf(patch.changedClasses()));
    entry.put(Fields.RENAMES, patch.renames());
    entry.put(Fields.REMOVED, List.copyOf(patch.removed()));
    entry.put(Fields.CHANGED_RESOURCES, List.copyOf(patch.changedResources()));
    return entry;
  }
}
