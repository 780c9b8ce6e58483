package dev.hotpatch.runtime.channel;

import dev.hotpatch.protocol.Fields;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The new layer of one module as a remote application receives it, inside the patch: it cannot read
 * serve's folders.
 *
 * @param files the layer's files by resource name ({@code lib/Greeter.class})
 * @param deleted the resource names it hides in the layers under it
 * @param whole whether it holds the whole module, so that no layer under it counts
 */
record InlineLayer(Map<String, byte[]> files, Set<String> deleted, boolean whole) {
  InlineLayer {
    files = Map.copyOf(files);
    deleted = Set.copyOf(deleted);
  }

  /** Whether it changes nothing: a module reloaded only because one it depends on is. */
  boolean isEmpty() {
    return files.isEmpty() && deleted.isEmpty() && !whole;
  }

  /** The {@code layer} object of a module entry; its files' bytes are base64. */
  static InlineLayer read(Map<String, Object> layer) throws MalformedJsonException {
    Json.onlyFields(layer, Set.of(Fields.FILES, Fields.DELETED, Fields.WHOLE));
    Map<String, byte[]> files = new LinkedHashMap<>();
    Object value = layer.get(Fields.FILES);
    if (value != null) {
      if (!(value instanceof Map<?, ?> byName)) {
        throw new MalformedJsonException(
            "field \"" + Fields.FILES + "\" must be an object of base64 strings");
      }
      for (Map.Entry<?, ?> file : byName.entrySet()) {
        if (!(file.getValue() instanceof String encoded)) {
          throw new MalformedJsonException(
              "field \"" + Fields.FILES + "\" must be an object of base64 strings");
        }
        try {
          files.put((String) file.getKey(), Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
          throw new MalformedJsonException(
              "file " + file.getKey() + " of the layer is not base64: " + e.getMessage(), e);
        }
      }
    }
    Object whole = layer.get(Fields.WHOLE);
    if (whole != null && !(whole instanceof Boolean)) {
      throw new MalformedJsonException("field \"" + Fields.WHOLE + "\" must be a boolean");
    }
    List<String> deleted = Json.texts(layer, Fields.DELETED);
    return new InlineLayer(files, Set.copyOf(deleted), Boolean.TRUE.equals(whole));
  }
}
