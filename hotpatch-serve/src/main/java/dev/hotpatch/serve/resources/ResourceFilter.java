package dev.hotpatch.serve.resources;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maven's resource filtering: {@code ${name}} and {@code @name@} are replaced by the value of
 * {@code name}; a name without a value stays as written, as Maven leaves it. Values may name other
 * values.
 */
final class ResourceFilter {
  private static final Pattern EXPRESSION =
      Pattern.compile("\\$\\{([^}\\s]+)}|@([A-Za-z0-9_.\\-]+)@");

  /** Values naming values deeper than this are a cycle: the expression is left as written. */
  private static final int MAX_DEPTH = 10;

  private final Map<String, String> values;

  ResourceFilter(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  String filter(String text) {
    return filter(text, 0);
  }

  private String filter(String text, int depth) {
    Matcher matcher = EXPRESSION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      String value = values.get(name);
      String replacement =
          value == null || depth >= MAX_DEPTH ? matcher.group() : filter(value, depth + 1);
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
