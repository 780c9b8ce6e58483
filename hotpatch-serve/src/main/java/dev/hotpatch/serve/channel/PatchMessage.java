package dev.hotpatch.serve.channel;

import dev.hotpatch.diff.PlannedModule;
import dev.hotpatch.diff.change.ChangeKind;
import dev.hotpatch.diff.change.ClassChange;
import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.MessageType;
import dev.hotpatch.serve.plan.PatchPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code patch} message of the protocol. */
final class PatchMessage {
  private PatchMessage() {}

  /**
   * What travels to the application: each module's build and how to load it. {@link
   * PatchServer#send} adds the patch id and the address.
   */
  static Map<String, Object> of(List<PatchPlanner.Step> steps) {
    List<Map<String, Object>> modules = new ArrayList<>();
    for (PatchPlanner.Step step : steps) {
      Map<String, Object> module = new LinkedHashMap<>(step.build().toJson());
      module.put(Fields.STRATEGY, step.plan().strategy().label());
      if (step.plan().strategy() == PlannedModule.Strategy.IN_PLACE) {
        module.put(Fields.CHANGED_CLASSES, redefined(step));
      } else {
        module.put(Fields.RENAMES, step.diff().renames());
        module.put(Fields.REMOVED, step.diff().removedSynthetics());
      }
      if (!step.resources().isEmpty()) {
        module.put(Fields.CHANGED_RESOURCES, List.copyOf(step.resources()));
      }
      modules.add(module);
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(Fields.TYPE, MessageType.PATCH.wireName());
    message.put(Fields.MODULES, modules);
    return message;
  }

  /** Binary names of the classes whose bodies (or only line numbers) changed. */
  private static List<String> redefined(PatchPlanner.Step step) {
    List<String> classes = new ArrayList<>();
    for (ClassChange change : step.diff().changes()) {
      if (change.kind() == ChangeKind.BODY_ONLY || change.kind() == ChangeKind.DEBUG_ONLY) {
        classes.add(change.className().replace('/', '.'));
      }
    }
    return classes;
  }
}
