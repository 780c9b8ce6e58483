package dev.hotpatch.runtime.channel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.Limits;
import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of the launch manifest and of the patch messages, read into plain maps and lists.
 *
 * <p>Jackson's streaming layer only: its data-binding layer would load some 300 more classes before
 * the application's main method runs (about 200 ms of every start), and again on the first patch,
 * for documents of a dozen fields.
 */
final class Json {
  /**
   * The protocol's limits, far above what serve writes, so that a hostile document fails fast with
   * Jackson's own error instead of costing stack or memory; a repeated field name is an error, not
   * a silent overwrite.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(Limits.JSON_MAX_NESTING_DEPTH)
                  .maxNumberLength(Limits.JSON_MAX_NUMBER_LENGTH)
                  .maxStringLength(Limits.JSON_MAX_STRING_LENGTH)
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Json() {}

  /**
   * Reads one JSON object: nested objects become {@code Map<String, Object>}, arrays {@code
   * List<Object>}, numbers {@code Integer}, {@code Long}, {@code BigInteger} or {@code Double}.
   */
  static Map<String, Object> parseObject(String text) throws MalformedJsonException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      Object value = read(parser, parser.nextToken());
      if (parser.nextToken() != null) {
        throw new MalformedJsonException("it holds more than one JSON value");
      }
      if (!(value instanceof Map<?, ?>)) {
        throw new MalformedJsonException("it is not a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) value;
      return object;
    } catch (JsonProcessingException e) {
      throw new MalformedJsonException("it is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // Reading a String does no I/O.
    }
  }

  private static Object read(JsonParser parser, JsonToken token)
      throws IOException, MalformedJsonException {
    if (token == null) {
      throw new MalformedJsonException("it is empty");
    }
    switch (token) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; ) {
          String name = parser.currentName();
          object.put(name, read(parser, parser.nextToken()));
          next = parser.nextToken();
        }
        return object;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; ) {
          array.add(read(parser, next));
          next = parser.nextToken();
        }
        return array;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new MalformedJsonException("it has an unexpected " + token);
    }
  }

  /**
   * Writes one JSON object. Values may be strings, numbers, booleans and lists of strings; fields
   * whose value is {@code null} are left out.
   */
  static String write(Map<String, ?> object) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      writeObject(generator, object);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // Writing to a StringWriter does no I/O.
    }
    return text.toString();
  }

  /** Strings, integers, booleans, lists and objects of them; null fields are left out. */
  private static void writeObject(JsonGenerator generator, Map<String, ?> object)
      throws IOException {
    generator.writeStartObject();
    for (Map.Entry<String, ?> field : object.entrySet()) {
      if (field.getValue() != null) {
        generator.writeFieldName(field.getKey());
        writeValue(generator, field.getValue());
      }
    }
    generator.writeEndObject();
  }

  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    if (value instanceof String string) {
      generator.writeString(string);
    } else if (value instanceof Long || value instanceof Integer) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object element : list) {
        if (element instanceof Map<?, ?> || element instanceof List<?>) {
          writeValue(generator, element);
        } else {
          generator.writeString(String.valueOf(element));
        }
      }
      generator.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, ?> object = (Map<String, ?>) map;
      writeObject(generator, object);
    } else {
      throw new IllegalArgumentException("Cannot write " + value.getClass() + " as JSON");
    }
  }

  /** Refuses a field outside {@code known}: a peer that sends one speaks another protocol. */
  static void onlyFields(Map<String, Object> object, Set<String> known)
      throws MalformedJsonException {
    for (String field : object.keySet()) {
      if (!known.contains(field)) {
        throw new MalformedJsonException("it has the unknown field \"" + field + "\"");
      }
    }
  }

  static String text(Map<String, Object> object, String field) throws MalformedJsonException {
    if (object.get(field) instanceof String text && !text.isBlank()) {
      return text;
    }
    throw wrongType(field, "a non-empty string");
  }

  /** The string in {@code field}, or {@code null} when the field is absent or null. */
  static String optionalText(Map<String, Object> object, String field)
      throws MalformedJsonException {
    return object.get(field) == null ? null : text(object, field);
  }

  static long integer(Map<String, Object> object, String field) throws MalformedJsonException {
    Object value = object.get(field);
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw wrongType(
        field, value instanceof BigInteger ? "an integer of at most 64 bits" : "an integer");
  }

  static long optionalInteger(Map<String, Object> object, String field, long absent)
      throws MalformedJsonException {
    return object.get(field) == null ? absent : integer(object, field);
  }

  /** The strings in the array {@code field}; an absent field is an empty list. */
  static List<String> texts(Map<String, Object> object, String field)
      throws MalformedJsonException {
    Object value = object.get(field);
    if (value == null) {
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!(element instanceof String text)) {
          throw wrongType(field, "an array of strings");
        }
        texts.add(text);
      }
      return texts;
    }
    throw wrongType(field, "an array of strings");
  }

  /** An array of arrays of strings; an absent field is an empty list. */
  static List<Set<String>> textSets(Map<String, Object> object, String field)
      throws MalformedJsonException {
    Object value = object.get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw wrongType(field, "an array of arrays of strings");
    }
    List<Set<String>> sets = new ArrayList<>();
    for (Object element : list) {
      if (!(element instanceof List<?> inner)) {
        throw wrongType(field, "an array of arrays of strings");
      }
      Set<String> texts = new LinkedHashSet<>();
      for (Object item : inner) {
        if (!(item instanceof String text)) {
          throw wrongType(field, "an array of arrays of strings");
        }
        texts.add(text);
      }
      sets.add(texts);
    }
    return sets;
  }

  static List<Path> paths(Map<String, Object> object, String field) throws MalformedJsonException {
    List<Path> paths = new ArrayList<>();
    for (String text : texts(object, field)) {
      try {
        paths.add(Path.of(text));
      } catch (InvalidPathException e) {
        throw wrongType(field, "an array of file paths");
      }
    }
    return paths;
  }

  /** The module list of the manifest: {@code [{"name", "version", ...}, ...]}. */
  static List<ModuleVersion> modules(Map<String, Object> object, String field)
      throws MalformedJsonException {
    List<Map<String, Object>> entries = objects(object, field, "an array of modules");
    List<ModuleVersion> modules = new ArrayList<>();
    for (int index = 0; index < entries.size(); index++) {
      try {
        modules.add(moduleVersion(entries.get(index)));
      } catch (MalformedJsonException e) {
        throw new MalformedJsonException(field + "[" + index + "]: " + e.getMessage(), e);
      }
    }
    return modules;
  }

  /**
   * The module list of a patch: each a module version, with optionally {@code strategy}, {@code
   * changedClasses}, {@code renames} and {@code removed}.
   */
  static List<ModulePatch> patches(Map<String, Object> object, String field)
      throws MalformedJsonException {
    List<Map<String, Object>> entries = objects(object, field, "an array of modules");
    List<ModulePatch> patches = new ArrayList<>();
    for (int index = 0; index < entries.size(); index++) {
      Map<String, Object> entry = entries.get(index);
      try {
        onlyFields(entry, Fields.PATCH_MODULE);
        String strategy = optionalText(entry, Fields.STRATEGY);
        ModulePatch.Strategy chosen = strategy(strategy == null ? "new-loader" : strategy);
        patches.add(
            new ModulePatch(
                moduleVersion(entry),
                chosen,
                Set.copyOf(texts(entry, Fields.CHANGED_CLASSES)),
                textMap(entry, Fields.RENAMES),
                Set.copyOf(texts(entry, Fields.REMOVED)),
                Set.copyOf(texts(entry, Fields.CHANGED_RESOURCES))));
      } catch (MalformedJsonException | IllegalArgumentException e) {
        throw new MalformedJsonException(field + "[" + index + "]: " + e.getMessage(), e);
      }
    }
    return patches;
  }

  /**
   * The inline layers of a patch's modules, by module name: a remote application's patch carries
   * each module's new layer instead of naming folders, and a module with one names no folder.
   */
  static Map<String, InlineLayer> layers(Map<String, Object> object, String field)
      throws MalformedJsonException {
    List<Map<String, Object>> entries = objects(object, field, "an array of modules");
    Map<String, InlineLayer> layers = new LinkedHashMap<>();
    for (int index = 0; index < entries.size(); index++) {
      Map<String, Object> entry = entries.get(index);
      Object layer = entry.get(Fields.LAYER);
      if (layer == null) {
        continue;
      }
      try {
        if (!(layer instanceof Map<?, ?>)) {
          throw wrongType(Fields.LAYER, "an object");
        }
        if (!texts(entry, Fields.CLASSES).isEmpty()) {
          throw new MalformedJsonException(
              "a module with a \""
                  + Fields.LAYER
                  + "\" names no folders in \""
                  + Fields.CLASSES
                  + "\"");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) layer;
        layers.put(text(entry, Fields.NAME), InlineLayer.read(typed));
      } catch (MalformedJsonException e) {
        throw new MalformedJsonException(field + "[" + index + "]: " + e.getMessage(), e);
      }
    }
    return layers;
  }

  private static ModulePatch.Strategy strategy(String name) throws MalformedJsonException {
    for (ModulePatch.Strategy strategy : ModulePatch.Strategy.values()) {
      if (strategy.wireName().equals(name)) {
        return strategy;
      }
    }
    throw wrongType(Fields.STRATEGY, "\"new-loader\" or \"in-place\"");
  }

  private static List<Map<String, Object>> objects(
      Map<String, Object> object, String field, String expected) throws MalformedJsonException {
    if (!(object.get(field) instanceof List<?> list)) {
      throw wrongType(field, expected);
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int index = 0; index < list.size(); index++) {
      if (!(list.get(index) instanceof Map<?, ?> entry)) {
        throw new MalformedJsonException(field + "[" + index + "] is not an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) entry;
      objects.add(typed);
    }
    return objects;
  }

  private static ModuleVersion moduleVersion(Map<String, Object> module)
      throws MalformedJsonException {
    try {
      long version = integer(module, Fields.VERSION);
      if (version < 0 || version > Integer.MAX_VALUE) {
        throw wrongType(Fields.VERSION, "an integer from 0 on");
      }
      return new ModuleVersion(
          text(module, Fields.NAME),
          (int) version,
          paths(module, Fields.CLASSES),
          textSets(module, Fields.DELETED),
          texts(module, Fields.DEPENDENCIES));
    } catch (IllegalArgumentException e) {
      throw new MalformedJsonException(e.getMessage(), e);
    }
  }

  /** The string-to-string object {@code field}; an absent field is an empty map. */
  private static Map<String, String> textMap(Map<String, Object> object, String field)
      throws MalformedJsonException {
    Object value = object.get(field);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw wrongType(field, "an object of strings");
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getValue() instanceof String text)) {
        throw wrongType(field, "an object of strings");
      }
      texts.put((String) entry.getKey(), text);
    }
    return texts;
  }

  private static MalformedJsonException wrongType(String field, String expected) {
    return new MalformedJsonException("field \"" + field + "\" must be " + expected);
  }
}
