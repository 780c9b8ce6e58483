package dev.hotpatch.serve.channel;

import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.Limits;
import dev.hotpatch.serve.build.ModuleBuild;
import dev.hotpatch.serve.plan.PatchPlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Patches that carry their layers, for a remote application: serve remembers which build of each
 * module the application has, and sends only what the new build adds to it (or all of the module
 * when it cannot tell).
 */
final class InlineContent implements PatchContent {
  /** The build of each module the application has, as far as serve knows. */
  private final Map<String, ModuleBuild> has = new ConcurrentHashMap<>();

  /**
   * What the application said it has of each module when it connected, for the modules serve has
   * sent no build of since; empty when it said nothing (serve then sends modules whole).
   */
  private volatile Map<String, Map<String, String>> listed = Map.of();

  /**
   * @param has the builds the application started with, by module
   */
  InlineContent(Map<String, ModuleBuild> has) {
    this.has.putAll(has);
  }

  /**
   * The application (re)connected and says what it has of each module (null: it did not say): serve
   * no longer assumes it has any build.
   */
  void connected(Map<String, Map<String, String>> content) {
    has.clear();
    listed = content == null ? Map.of() : Map.copyOf(content);
  }

  /** The layer that brings the application's {@code build.name()} to {@code build}. */
  LayerContent layerOf(ModuleBuild build) {
    ModuleBuild had = has.get(build.name());
    Map<String, String> said = listed.get(build.name());
    return had == null && said != null
        ? LayerContent.against(said, build)
        : LayerContent.between(had, build);
  }

  @Override
  public Map<String, Object> message(List<PatchPlanner.Step> steps) {
    Map<String, Object> message = PatchMessage.of(steps);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> modules = (List<Map<String, Object>>) message.get(Fields.MODULES);
    List<Map<String, Object>> inline = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < steps.size(); i++) {
      ModuleBuild build = steps.get(i).build();
      LayerContent layer = layerOf(build);
      Map<String, Object> module = new LinkedHashMap<>(modules.get(i));
      module.put(Fields.CLASSES, List.of());
      module.remove(Fields.DELETED);
      module.put(Fields.LAYER, json(layer));
      inline.add(module);
      for (Path file : layer.files().values()) {
        bytes += sizeOf(file);
      }
    }
    // Base64 takes 4 characters for 3 bytes; the rest of the message is small beside it.
    if (bytes / 3 * 4 > Limits.MAX_REMOTE_PATCH_MESSAGE - (1 << 20)) {
      throw new IllegalStateException(
          "the patch carries "
              + (bytes >> 20)
              + " MiB of class files and resources, more than a remote application takes in one"
              + " message; restart the application from a new bundle (mvn hotpatch:bundle)");
    }
    message.put(Fields.MODULES, inline);
    return message;
  }

  @Override
  public void applied(List<PatchPlanner.Step> steps) {
    steps.forEach(step -> has.put(step.build().name(), step.build()));
  }

  private static Map<String, Object> json(LayerContent layer) {
    Map<String, Object> files = new LinkedHashMap<>();
    layer.files().forEach((name, file) -> files.put(name, base64(file)));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(Fields.FILES, files);
    json.put(Fields.DELETED, layer.deleted().stream().sorted().toList());
    if (layer.whole()) {
      json.put(Fields.WHOLE, true);
    }
    return json;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " for the patch", e);
    }
  }

  private static String base64(Path file) {
    try {
      return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " for the patch", e);
    }
  }
}
